package dev.shimexec.tck.cli;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Level;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.Conformance;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.KitListener;
import dev.shimexec.tck.ProviderException;
import dev.shimexec.tck.Verdict;
import dev.shimexec.tck.adapter.AdapterException;
import dev.shimexec.tck.adapter.AdapterProvider;
import dev.shimexec.tck.engine.ConcurrentScenario;
import dev.shimexec.tck.engine.Scenario;
import dev.shimexec.tck.report.Badge;
import dev.shimexec.tck.report.KitIdentity;
import dev.shimexec.tck.report.ReportContext;
import dev.shimexec.tck.report.ReportFiles;
import dev.shimexec.tck.support.ReferenceProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The runner: {@code java -jar shimexec-tck.jar}. Checks one implementation (an adapter command, or a
 * provider class on the class path) or, given neither, the bundled ones; prints a verdict per clause,
 * writes the report files, and exits with 0 when every MUST clause holds, 1 when one fails, and 2 when
 * it was called wrongly or the implementation cannot be driven.
 */
@Command(name = "shimexec-tck", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class, defaultValueProvider = Main.Defaults.class,
        usageHelpWidth = 100,
        description = {
            "Checks an exec implementation of a containerd shim against the exec contract, clause by clause.",
            "With neither --adapter nor --impl, checks the bundled implementations: the reference exec and,"
                    + " when python3 is on the PATH, the example Python adapter."},
        footer = {"", "Exit status: 0 every MUST clause holds for every implementation run; 1 a MUST clause fails;",
            "2 a usage error, or an implementation that cannot be driven."})
public final class Main implements Callable<Integer> {

    /** The bundled implementations, by the name {@code --bundled} takes. */
    static final String REFERENCE = "reference";
    static final String PYTHON_EXAMPLE = "python-example";

    /** Where the example Python adapter is bundled in the jar. */
    static final String PYTHON_ADAPTER_RESOURCE = "/dev/shimexec/tck/bundled/shim_adapter.py";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    @Option(names = "--adapter", paramLabel = "<command>",
            description = "Check an implementation in another process: start this command with /bin/sh -c and"
                    + " drive it through adapter protocol v1 (spec/ADAPTER-PROTOCOL.md).")
    private String adapter;

    @Option(names = "--impl", paramLabel = "<class>",
            description = "Check an ExecProvider on the class path, made with its public no-argument constructor.")
    private String impl;

    @Option(names = "--bundled", paramLabel = "<name>",
            description = "Check one bundled implementation only: " + REFERENCE + " or " + PYTHON_EXAMPLE + ".")
    private String bundled;

    @Option(names = "--profile", paramLabel = "<id>", converter = ProfileConverter.class,
            description = "The reading of the contract to check against: strict or hcsshim. Default: ${DEFAULT-VALUE}.")
    private Profile profile;

    @Option(names = "--seed", paramLabel = "<n>",
            description = "The seed of every random choice; the same seed runs the same scenarios."
                    + " Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--depth", paramLabel = "<n>",
            description = "The length of the exhaustive sequences, 1 to 6. Default: ${DEFAULT-VALUE}.")
    private int depth;

    @Option(names = "--tries", paramLabel = "<n>",
            description = "How many random sequences and concurrent scenarios to run, 0 to 100000."
                    + " Default: ${DEFAULT-VALUE}.")
    private int tries;

    @Option(names = "--clauses", paramLabel = "<ids>", split = ",", converter = ClauseConverter.class,
            description = "Report only these clauses, a comma-separated list of ids such as KILL-3,WAIT-1."
                    + " Default: all.")
    private List<Clause> clauses = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "How long any one call into the implementation may take before it counts as hung,"
                    + " such as 5s or 500ms. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Option(names = "--wait-bound", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "How soon a wait on an exec that has exited must return; shorter than --timeout."
                    + " Default: the profile's (strict 250ms, hcsshim 1500ms).")
    private Duration waitBound;

    @Option(names = "--report-dir", paramLabel = "<dir>",
            description = "Where the report files go; one sub-directory per implementation when several run."
                    + " Default: ${DEFAULT-VALUE}.")
    private Path reportDir;

    @Option(names = "--spec-link", paramLabel = "<url>",
            description = "Where clause ids in report.html link to, before the #anchor. Default: spec/SPEC.md of the"
                    + " checkout the kit runs in, as seen from the report directory; " + ReportContext.DEFAULT_SPEC_LINK
                    + " outside a checkout.")
    private String specLink;

    @Option(names = "--replay", paramLabel = "<scenario>",
            description = "Run one scenario, as a counterexample prints it, instead of the whole kit.")
    private String replay;

    @Option(names = {"-q", "--quiet"},
            description = "Print only the verdict of each implementation and how to replay its failures.")
    private boolean quiet;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the runner and exits the JVM with its exit status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the runner in this JVM.
     *
     * @param args the command-line arguments
     * @param out where verdicts and reports are printed
     * @param err where errors and progress are printed
     * @return the exit status: 0 conforms, 1 a MUST clause fails, 2 a usage error or an undrivable implementation
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main(out, err));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("shimexec-tck: " + e.getMessage().strip() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("shimexec-tck: the kit itself failed, which is a fault of the kit: " + e);
            e.printStackTrace(err);
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        try {
            KitConfig config = config();
            if (replay != null) {
                checkScenario(replay);
            }
            List<Target> targets = targets(config);
            int status = 0;
            for (Target target : targets) {
                Path directory = targets.size() == 1 ? reportDir : reportDir.resolve(target.key());
                status = Math.max(status, check(target, config, directory));
            }
            return status;
        } catch (UsageException e) {
            err.println("shimexec-tck: " + e.getMessage() + " (see --help)");
            return 2;
        }
    }

    private KitConfig config() {
        int selected = (adapter != null ? 1 : 0) + (impl != null ? 1 : 0) + (bundled != null ? 1 : 0);
        if (selected > 1) {
            throw new UsageException("--adapter, --impl and --bundled each choose the implementation; give one");
        }
        if (adapter != null && adapter.isBlank()) {
            throw new UsageException("Invalid value for option '--adapter': the command is empty");
        }
        if (bundled != null && !bundled.equals(REFERENCE) && !bundled.equals(PYTHON_EXAMPLE)) {
            throw new UsageException("Invalid value for option '--bundled': '" + bundled + "' (bundled: "
                    + REFERENCE + ", " + PYTHON_EXAMPLE + ")");
        }
        Duration bound = waitBound != null ? waitBound : profile.waitBound();
        if (bound.compareTo(timeout) >= 0) {
            throw new UsageException("the wait bound (" + format(bound)
                    + (waitBound != null ? ", --wait-bound" : ", the " + profile.id() + " profile's default")
                    + ") must be shorter than --timeout (" + format(timeout) + ")");
        }
        try {
            return new KitConfig(profile, seed, depth, tries, KitConfig.defaults().randomLength(),
                    Set.copyOf(clauses), timeout, bound);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<String, String> field : Map.of("depth", "--depth", "tries", "--tries",
                    "callTimeout", "--timeout", "waitBound", "--wait-bound").entrySet()) {
                if (message.startsWith(field.getKey() + " ")) {
                    throw new UsageException("Invalid value for option '" + field.getValue() + "': "
                            + message.substring(field.getKey().length() + 1));
                }
            }
            throw new UsageException(message);
        }
    }

    /** Reads a scenario before any implementation is started, so that a typo costs no adapter start. */
    private static void checkScenario(String text) {
        try {
            if (text.strip().startsWith("concurrent")) {
                ConcurrentScenario.parse(text);
            } else {
                Scenario.parse(text);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '--replay': " + e.getMessage());
        }
    }

    private List<Target> targets(KitConfig config) {
        if (adapter != null) {
            return List.of(Target.of("adapter", List.of("--adapter", adapter),
                    () -> AdapterProvider.start(adapter, config.callTimeout())));
        }
        if (impl != null) {
            return List.of(Target.of("impl", List.of("--impl", impl), () -> instantiate(impl, "option '--impl'")));
        }
        List<Target> targets = new ArrayList<>();
        if (bundled == null || bundled.equals(REFERENCE)) {
            targets.add(Target.of(REFERENCE, List.of("--bundled", REFERENCE),
                    () -> new ReferenceProvider(config.profile())));
        }
        if (bundled == null || bundled.equals(PYTHON_EXAMPLE)) {
            targets.add(pythonExample(config));
        }
        return targets;
    }

    private static Target pythonExample(KitConfig config) {
        List<String> selection = List.of("--bundled", PYTHON_EXAMPLE);
        if (Main.class.getResource(PYTHON_ADAPTER_RESOURCE) == null) {
            return Target.skipped(PYTHON_EXAMPLE, selection, "this kit was built without the example adapter");
        }
        if (onPath("python3") == null) {
            return Target.skipped(PYTHON_EXAMPLE, selection, "python3 is not on the PATH");
        }
        return Target.of(PYTHON_EXAMPLE, selection, () -> {
            Path script = extractPythonAdapter();
            return AdapterProvider.start("python3 " + ReportContext.quote(script.toString()), config.callTimeout());
        });
    }

    /** Copies the bundled example adapter to a temporary file, deleted when the JVM exits. */
    private static Path extractPythonAdapter() {
        try (InputStream in = Main.class.getResourceAsStream(PYTHON_ADAPTER_RESOURCE)) {
            Path script = Files.createTempFile("shimexec-python-adapter-", ".py");
            script.toFile().deleteOnExit();
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled example adapter cannot be extracted: " + e.getMessage(), e);
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The provider class {@code name}, made with its public no-argument constructor.
     *
     * @param argument the argument that named the class, such as {@code option '--impl'}, for the error
     * @throws UsageException naming {@code argument} if there is no such class or it cannot be made
     */
    static ExecProvider instantiate(String name, String argument) {
        String option = "Invalid value for " + argument + ": ";
        Class<?> type;
        try {
            type = Class.forName(name, true, Main.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UsageException(option + "no class named '" + name + "' is on the class path");
        } catch (LinkageError e) {
            throw new UsageException(option + "class '" + name + "' cannot be loaded: " + e);
        }
        if (!ExecProvider.class.isAssignableFrom(type)) {
            throw new UsageException(option + "class '" + name + "' is not an ExecProvider (it does not implement "
                    + ExecProvider.class.getName() + ")");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new UsageException(option + "class '" + name + "' is abstract");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new UsageException(option + "class '" + name + "' is not public");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UsageException(option + "class '" + name + "' has no public no-argument constructor");
        }
        try {
            return (ExecProvider) constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new UsageException(option + "the constructor of '" + name + "' failed: " + cause.getMessage()
                    + " (" + cause.getClass().getSimpleName() + ")");
        } catch (ReflectiveOperationException e) {
            throw new UsageException(option + "class '" + name + "' cannot be made: " + e);
        }
    }

    /** Checks one implementation, prints the outcome, writes the reports; returns the exit status. */
    private int check(Target target, KitConfig config, Path directory) {
        if (target.skipReason() != null) {
            out.println(target.key() + ": skipped, " + target.skipReason());
            return 0;
        }
        ExecProvider provider = null;
        ProgressLine progress = null;
        try {
            provider = target.provider().get();
            KitListener listener = KitListener.SILENT;
            if (!quiet && System.console() != null) {
                progress = new ProgressLine(err, provider.name());
                listener = progress;
            }
            ConformanceReport report = replay != null
                    ? Conformance.replay(provider, config, replay)
                    : Conformance.run(provider, config, listener);
            if (progress != null) {
                progress.clear();
            }
            if (provider instanceof AdapterProvider adapterProvider) {
                if (adapterProvider.fault().isPresent()) {
                    return undrivable(target, adapterProvider.fault().get().summary(), adapterProvider.stderrTail());
                }
                report = withDiagnostics(report, adapterProvider.stderrTail());
            }
            ReportContext context = new ReportContext(KitIdentity.of(Main.class), replayPrefix(target, config),
                    specLink != null ? specLink : specLinkFrom(directory), replay);
            List<Path> files = ReportFiles.write(report, context, directory);
            print(report, context, files);
            if (replay != null) {
                return report.failed(Level.MUST) ? 1 : 0;
            }
            return report.conforms() ? 0 : 1;
        } catch (AdapterException e) {
            return undrivable(target, e.summary(), tail(provider, e.stderrTail()));
        } catch (ProviderException e) {
            return undrivable(target, firstLine(e.getMessage()), tail(provider, ""));
        } catch (UncheckedIOException e) {
            err.println("shimexec-tck: " + e.getMessage());
            return 2;
        } catch (UsageException e) {
            throw e;
        } catch (RuntimeException e) {
            StackTraceElement[] trace = e.getStackTrace();
            err.println("shimexec-tck: checking " + target.key() + " failed: " + e
                    + (trace.length == 0 ? "" : " (at " + trace[0] + ")"));
            return 2;
        } finally {
            if (progress != null) {
                progress.clear();
            }
            close(provider);
        }
    }

    private int undrivable(Target target, String summary, String stderrTail) {
        String what = target.selection().get(0).equals("--adapter")
                ? "adapter '" + target.selection().get(1) + "'" : target.key();
        err.println("shimexec-tck: " + what + " cannot be driven: " + summary);
        if (target.selection().get(0).equals("--adapter") || !stderrTail.isEmpty()) {
            if (stderrTail.isEmpty()) {
                err.println("(the adapter wrote nothing to standard error)");
            } else {
                err.println("adapter standard error, last lines:");
                stderrTail.lines().forEach(line -> err.println("  " + line));
            }
        }
        return 2;
    }

    private static String tail(ExecProvider provider, String fallback) {
        if (provider instanceof AdapterProvider adapterProvider && !adapterProvider.stderrTail().isEmpty()) {
            return adapterProvider.stderrTail();
        }
        return fallback;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private void close(ExecProvider provider) {
        if (provider == null) {
            return;
        }
        try {
            provider.close();
        } catch (Exception e) {
            err.println("shimexec-tck: closing the implementation failed: " + e);
        }
    }

    private static ConformanceReport withDiagnostics(ConformanceReport report, String diagnostics) {
        if (diagnostics.isEmpty()) {
            return report;
        }
        return new ConformanceReport(report.implementation(), report.implementationVersion(), report.capabilities(),
                report.config(), report.results(), report.statistics(), diagnostics);
    }

    /** The command that runs the kit again on the same implementation with the same settings, less --replay. */
    private String replayPrefix(Target target, KitConfig config) {
        List<String> words = new ArrayList<>(launcher());
        words.addAll(target.selection());
        words.add("--profile");
        words.add(config.profile().id());
        if (!config.callTimeout().equals(KitConfig.defaults().callTimeout())) {
            words.add("--timeout");
            words.add(format(config.callTimeout()));
        }
        if (!config.waitBound().equals(config.profile().waitBound())) {
            words.add("--wait-bound");
            words.add(format(config.waitBound()));
        }
        return words.stream().map(ReportContext::quote).collect(Collectors.joining(" "));
    }

    /** How this kit was started: {@code java -jar <jar>}, or {@code java -cp <class path> <main class>}. */
    private static List<String> launcher() {
        KitIdentity kit = KitIdentity.of(Main.class);
        String classPath = System.getProperty("java.class.path", "");
        if (kit.jar().isPresent() && !classPath.contains(File.pathSeparator)
                && Path.of(classPath).toAbsolutePath().equals(kit.jar().get())) {
            return List.of("java", "-jar", kit.jar().get().toString());
        }
        return List.of("java", "-cp", classPath, Main.class.getName());
    }

    private void print(ConformanceReport report, ReportContext context, List<Path> files) {
        Badge badge = Badge.of(report);
        String verdict = report.implementation() + " " + report.implementationVersion() + ": " + (replay != null
                ? (report.failed(Level.MUST) ? "the replayed scenario breaks a MUST clause"
                        : "the replayed scenario breaks no MUST clause")
                : (report.conforms() ? "conforms" : "does not conform") + " to " + report.config().profile().id()
                        + "; badge: " + badge.message());
        if (quiet) {
            out.println(verdict);
            for (ClauseResult result : report.results()) {
                result.failure().ifPresent(c -> out.println("  " + result.clause().id() + " " + result.clause().level()
                        + " FAIL: " + context.replayCommand(c)));
            }
            return;
        }
        out.println("shimexec-tck " + context.kit().version() + ": " + report.implementation() + " "
                + report.implementationVersion() + ", profile " + report.config().profile().id() + ", seed "
                + report.config().seed() + context.replayed().map(s -> ", replay of " + s).orElse(""));
        out.println();
        out.println(String.format(Locale.ROOT, "  %-10s %-6s %-12s %s", "CLAUSE", "LEVEL", "VERDICT", "DETAIL"));
        for (ClauseResult result : report.results()) {
            out.println(String.format(Locale.ROOT, "  %-10s %-6s %-12s %s", result.clause().id(),
                    result.clause().level(), result.verdict(), clip(ReportContext.detail(result), 86)));
        }
        out.println();
        out.println("Totals:");
        for (Map.Entry<Level, Map<Verdict, Integer>> level : report.totals().entrySet()) {
            Map<Verdict, Integer> counts = level.getValue();
            if (counts.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                continue;
            }
            out.println(String.format(Locale.ROOT, "  %-6s %3d pass, %d fail, %d not verified", level.getKey(),
                    counts.get(Verdict.PASS), counts.get(Verdict.FAIL), counts.get(Verdict.NOT_VERIFIED)));
        }
        out.println("Verdict: " + verdict);
        Path directory = files.get(0).getParent();
        out.println("Reports: " + directory + File.separator + " (" + files.stream()
                .map(f -> f.getFileName().toString()).collect(Collectors.joining(", ")) + ")");
        boolean headed = false;
        for (ClauseResult result : report.results()) {
            if (result.failure().isEmpty()) {
                continue;
            }
            if (!headed) {
                out.println();
                out.println("Failures:");
                headed = true;
            }
            Counterexample c = result.counterexample();
            out.println("  " + result.clause().id() + " (" + result.clause().level() + "): " + result.rule());
            out.println("    at step " + c.step() + ": expected " + c.expected() + ", got " + c.actual());
            out.println("    scenario (shrunk from " + c.originalLength() + " steps): " + c.scenario());
            c.timeline().forEach(line -> out.println("      " + line));
            out.println("    replay: " + context.replayCommand(c));
        }
    }

    private static String clip(String text, int length) {
        String line = text.replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= length ? line : line.substring(0, length - 3) + "...";
    }

    /** A duration as the options take it: {@code 500ms}, {@code 5s}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Reads {@code 500ms}, {@code 5s}, {@code 2m}, a bare number of milliseconds, or ISO-8601 such as {@code PT5S}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            Matcher matcher = DURATION.matcher(text);
            Duration duration;
            if (matcher.matches()) {
                long amount;
                try {
                    amount = Long.parseLong(matcher.group(1));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + value + "' is too long a duration");
                }
                String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
                duration = unit.equals("ms") ? Duration.ofMillis(amount)
                        : unit.equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
            } else {
                try {
                    duration = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
                } catch (RuntimeException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration such as 5s or 500ms");
                }
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return duration;
        }
    }

    /** Reads a profile id. */
    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.byId(value.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is no profile (profiles: " + profileIds() + ")");
            }
        }
    }

    /** Reads a clause id, in any case. */
    static final class ClauseConverter implements ITypeConverter<Clause> {
        @Override
        public Clause convert(String value) {
            try {
                return Clause.byId(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is no clause id; ids look like KILL-3 (see"
                        + " spec/SPEC.md for the catalogue)");
            }
        }
    }

    /**
     * The specification as seen from {@code directory}: {@code spec/SPEC.md} in the working directory or
     * the nearest one above it that has one (a checkout of the kit), else {@link ReportContext#DEFAULT_SPEC_LINK}.
     */
    static String specLinkFrom(Path directory) {
        Path reports = directory.toAbsolutePath().normalize();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path spec = dir.resolve("spec").resolve("SPEC.md");
            if (Files.isRegularFile(spec)) {
                return reports.relativize(spec).toString().replace(File.separatorChar, '/');
            }
        }
        return ReportContext.DEFAULT_SPEC_LINK;
    }

    private static String profileIds() {
        return EnumSet.allOf(Profile.class).stream().map(Profile::id).collect(Collectors.joining(", "));
    }

    /** The defaults of the options, taken from {@link KitConfig#defaults()}. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argument) {
            if (!(argument instanceof OptionSpec option)) {
                return null;
            }
            KitConfig defaults = KitConfig.defaults();
            switch (option.longestName()) {
                case "--profile":
                    return defaults.profile().id();
                case "--seed":
                    return Long.toString(defaults.seed());
                case "--depth":
                    return Integer.toString(defaults.depth());
                case "--tries":
                    return Integer.toString(defaults.tries());
                case "--timeout":
                    return format(defaults.callTimeout());
                case "--report-dir":
                    return "target/conformance";
                default:
                    return null;
            }
        }
    }

    /** The version line of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            KitIdentity kit = KitIdentity.of(Main.class);
            return new String[] {"shimexec-tck " + kit.version() + " (adapter protocol " + AdapterProvider.PROTOCOL
                    + ", jar SHA-256 " + kit.jarSha256() + ")"};
        }
    }
}
