package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A sequential scenario: how the exec is created, and the steps run on it, in order.
 *
 * <p>Text form: {@code create(tty=false, stdin=true); start(); exit(123); wait()}. Every scenario
 * implicitly ends with a closing look: {@code status()}, {@code state()} and {@code pid()}, and, if the
 * exec is bound to exit, a wait for that exit.
 *
 * @param tty whether the exec is created with a tty
 * @param stdin whether the exec is created with an open stdin
 * @param steps the steps after creation
 */
public record Scenario(boolean tty, boolean stdin, List<Input> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }

    /** This scenario with {@code step} appended. */
    public Scenario then(Input step) {
        List<Input> longer = new ArrayList<>(steps);
        longer.add(step);
        return new Scenario(tty, stdin, longer);
    }

    /** This scenario with other steps. */
    public Scenario withSteps(List<Input> newSteps) {
        return new Scenario(tty, stdin, newSteps);
    }

    /** The text form, which {@link #parse(String)} reads back. */
    public String text() {
        String create = "create(tty=" + tty + ", stdin=" + stdin + ")";
        if (steps.isEmpty()) {
            return create;
        }
        return create + "; " + steps.stream().map(Input::text).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * Reads a scenario's text form.
     *
     * @throws IllegalArgumentException naming what is wrong, if {@code text} is not a scenario
     */
    public static Scenario parse(String text) {
        Objects.requireNonNull(text, "scenario must not be null");
        String[] parts = text.split(";");
        String create = parts[0].strip().replace(" ", "");
        boolean tty;
        boolean stdin;
        switch (create) {
            case "create()":
            case "create(tty=false,stdin=false)":
                tty = false;
                stdin = false;
                break;
            case "create(tty=true,stdin=false)":
                tty = true;
                stdin = false;
                break;
            case "create(tty=false,stdin=true)":
                tty = false;
                stdin = true;
                break;
            case "create(tty=true,stdin=true)":
                tty = true;
                stdin = true;
                break;
            default:
                throw new IllegalArgumentException("a scenario starts with create(tty=<bool>, stdin=<bool>), not '"
                        + parts[0].strip() + "'");
        }
        List<Input> steps = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                steps.add(Input.parse(parts[i]));
            }
        }
        return new Scenario(tty, stdin, steps);
    }
}
