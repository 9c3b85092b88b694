package dev.shimexec.spec;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Options;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.TranslateAlloyToKodkod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kodkod.engine.satlab.SATFactory;

/**
 * The formal model {@code spec/src/main/alloy/exec.als} for tests: its text, Alloy text parsed, and commands run
 * with SAT4J. Every failure is an {@link AssertionError}.
 */
public final class FormalModel {

    /** The model's file, relative to the directory of the spec module or of a module beside it. */
    public static final Path FILE = Path.of("..", "spec", "src", "main", "alloy", "exec.als");

    private FormalModel() {
    }

    /** The text of the model. */
    public static String read() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new AssertionError("cannot read the formal model at " + FILE.toAbsolutePath(), e);
        }
    }

    /**
     * Parses Alloy text, the model alone or with more paragraphs.
     *
     * @param what names the text in the failure when it does not parse
     */
    public static CompModule parse(String text, String what) {
        try {
            return CompUtil.parseEverything_fromString(A4Reporter.NOP, text);
        } catch (Err e) {
            throw new AssertionError(what + " does not parse: " + e.dump(), e);
        }
    }

    /** Runs one command of a parsed model with SAT4J. */
    public static A4Solution execute(CompModule world, Command command) {
        A4Options options = new A4Options();
        options.solver = SATFactory.get("sat4j");
        try {
            return TranslateAlloyToKodkod.execute_command(A4Reporter.NOP, world.getAllReachableSigs(), command,
                    options);
        } catch (Err e) {
            throw new AssertionError(command.label + " cannot be executed: " + e.dump(), e);
        }
    }
}
