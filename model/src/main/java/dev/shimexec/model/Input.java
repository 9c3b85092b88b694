package dev.shimexec.model;

import java.util.List;

/**
 * One step of a sequence: a call of the exec contract, or an event of the exec's environment. Each
 * input has a short text form, as counterexamples and replay files print it, such as
 * {@code kill(9)} or {@code exit(123)}; {@link #parse(String)} reads it back.
 */
public sealed interface Input {

    /** Whether this input is an event of the environment rather than a contract call. */
    default boolean isEnvironment() {
        return false;
    }

    /** The text form, such as {@code kill(9)}. */
    String text();

    /** {@code id()}. */
    record Id() implements Input {
        @Override
        public String text() {
            return "id()";
        }
    }

    /** {@code pid()}. */
    record Pid() implements Input {
        @Override
        public String text() {
            return "pid()";
        }
    }

    /** {@code state()}. */
    record State() implements Input {
        @Override
        public String text() {
            return "state()";
        }
    }

    /** {@code status()}. */
    record Status() implements Input {
        @Override
        public String text() {
            return "status()";
        }
    }

    /** {@code start()}. */
    record Start() implements Input {
        @Override
        public String text() {
            return "start()";
        }
    }

    /** {@code kill(signal)}. */
    record Kill(long signal) implements Input {
        @Override
        public String text() {
            return "kill(" + signal + ")";
        }
    }

    /** {@code resizePty(width, height)}. */
    record ResizePty(long width, long height) implements Input {
        @Override
        public String text() {
            return "resizePty(" + width + ", " + height + ")";
        }
    }

    /** {@code closeIO(stdin)}. */
    record CloseIO(boolean stdin) implements Input {
        @Override
        public String text() {
            return "closeIO(" + stdin + ")";
        }
    }

    /** {@code awaitExit()}: a wait that either returns or stays blocked in the background. */
    record Wait() implements Input {
        @Override
        public String text() {
            return "wait()";
        }
    }

    /** {@code forceExit(status)}. */
    record ForceExit(int status) implements Input {
        @Override
        public String text() {
            return "forceExit(" + status + ")";
        }
    }

    /** The environment: the running workload ends by itself with {@code code}. */
    record WorkloadExit(int code) implements Input {
        @Override
        public boolean isEnvironment() {
            return true;
        }

        @Override
        public String text() {
            return "exit(" + code + ")";
        }
    }

    /** The environment: the next start of this exec cannot start its process. */
    record StartFailure() implements Input {
        @Override
        public boolean isEnvironment() {
            return true;
        }

        @Override
        public String text() {
            return "failNextStart()";
        }
    }

    /** The signal the kit uses as an invalid one: no platform has it (decision O11). */
    long INVALID_SIGNAL = 0xFFFF_FFFFL;

    /**
     * The inputs the kit draws from: every method once, with the argument values that matter to the
     * contract. Environment events are included; the engine leaves out those an implementation
     * cannot produce.
     */
    static List<Input> alphabet() {
        return List.of(new Id(), new Pid(), new State(), new Status(), new Start(), new Kill(9), new Kill(15),
                new Kill(INVALID_SIGNAL), new ResizePty(120, 30), new CloseIO(true), new CloseIO(false),
                new Wait(), new ForceExit(7), new ForceExit(-1), new WorkloadExit(0), new WorkloadExit(123),
                new StartFailure());
    }

    /**
     * Reads the text form back.
     *
     * @throws IllegalArgumentException naming the text, if it is not an input's text form
     */
    static Input parse(String text) {
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0 || !t.endsWith(")")) {
            throw new IllegalArgumentException("not a step: '" + text + "' (expected a form such as kill(9))");
        }
        String name = t.substring(0, open);
        String[] args = t.substring(open + 1, t.length() - 1).isBlank()
                ? new String[0]
                : t.substring(open + 1, t.length() - 1).split(",");
        try {
            switch (name) {
                case "id": return noArgs(args, text, new Id());
                case "pid": return noArgs(args, text, new Pid());
                case "state": return noArgs(args, text, new State());
                case "status": return noArgs(args, text, new Status());
                case "start": return noArgs(args, text, new Start());
                case "wait": return noArgs(args, text, new Wait());
                case "failNextStart": return noArgs(args, text, new StartFailure());
                case "kill": return new Kill(unsigned(oneArg(args, text)));
                case "resizePty":
                    if (args.length != 2) {
                        throw new IllegalArgumentException("resizePty takes two arguments: '" + text + "'");
                    }
                    return new ResizePty(unsigned(args[0]), unsigned(args[1]));
                case "closeIO": return new CloseIO(bool(oneArg(args, text)));
                case "forceExit": return new ForceExit(Integer.parseInt(oneArg(args, text)));
                case "exit": return new WorkloadExit(Integer.parseInt(oneArg(args, text)));
                default:
                    throw new IllegalArgumentException("unknown step '" + name + "' in '" + text + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in step '" + text + "'", e);
        }
    }

    private static Input noArgs(String[] args, String text, Input input) {
        if (args.length != 0) {
            throw new IllegalArgumentException("step takes no arguments: '" + text + "'");
        }
        return input;
    }

    private static String oneArg(String[] args, String text) {
        if (args.length != 1) {
            throw new IllegalArgumentException("step takes one argument: '" + text + "'");
        }
        return args[0].strip();
    }

    private static long unsigned(String value) {
        long v = Long.parseLong(value.strip());
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new NumberFormatException("outside 0..4294967295: " + value.strip());
        }
        return v;
    }

    private static boolean bool(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("expected true or false, was '" + value + "'");
    }
}
