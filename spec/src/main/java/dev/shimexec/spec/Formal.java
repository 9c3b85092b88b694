package dev.shimexec.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * How a clause stands in the formal model {@code spec/src/main/alloy/exec.als}: either the name of the
 * assertion that states it, or the reason it cannot be stated over that model.
 */
public final class Formal {

    private final String assertion;
    private final String gap;

    private Formal(String assertion, String gap) {
        this.assertion = assertion;
        this.gap = gap;
    }

    /** Covered by the assertion named after the clause id, with {@code _} for {@code -}. */
    static Formal asserted(String clauseId) {
        return new Formal(clauseId.replace('-', '_'), null);
    }

    /** Not stated in the formal model, for the given reason. */
    static Formal notModelled(String reason) {
        return new Formal(null, Objects.requireNonNull(reason, "reason must not be null"));
    }

    /** The Alloy assertion that states the clause, if the model covers it. */
    public Optional<String> assertion() {
        return Optional.ofNullable(assertion);
    }

    /** Why the formal model does not state the clause, if it does not. */
    public Optional<String> gap() {
        return Optional.ofNullable(gap);
    }
}
