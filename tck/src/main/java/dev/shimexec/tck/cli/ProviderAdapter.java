package dev.shimexec.tck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.adapter.AdapterProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * An adapter program, in protocol version 1 ({@code spec/ADAPTER-PROTOCOL.md}), around any {@link
 * ExecProvider}: it serves the provider's execs to a kit in another process.
 *
 * <pre>
 * java -jar shimexec-tck.jar --adapter \
 *     'java -cp shimexec-tck.jar:target/classes dev.shimexec.tck.cli.ProviderAdapter com.example.MyExecProvider'
 * </pre>
 *
 * <p>With it a Java implementation is checked in a JVM of its own (its own flags and native libraries, a
 * crash that leaves the kit standing), and the kit's adapter client is checked against implementations
 * whose faults are known. The provider's {@link Capability#TTY tty}, {@link Capability#STDIN stdin} and
 * {@link Capability#SELF_EXIT self-exit} capabilities become the {@code hello} features; protocol version
 * 1 has no way to make a start fail, so {@link Capability#START_FAILURE} is not offered.
 *
 * <p>Every request is answered on a thread of its own: requests the kit has in flight at once reach the
 * provider at once, as calls from several threads would in one JVM, and a pending {@code wait} holds up
 * nothing. Each response is written whole, on one line. At {@code shutdown} or at the end of its input the
 * adapter disposes of every exec it still holds, closes the provider and exits with status 0. A line that
 * is not a request is reported on standard error and skipped; a usage mistake exits with status 2.
 */
@Command(name = "shimexec-provider-adapter", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves the execs of an ExecProvider on the class path to the conformance kit, over the adapter"
                + " protocol (version 1) on standard input and output.")
public final class ProviderAdapter implements Callable<Integer> {

    private static final String NAME = "shimexec-provider-adapter";
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    @Parameters(index = "0", paramLabel = "<class>",
            description = "The ExecProvider to serve: a public class with a public no-argument constructor.")
    private String providerClass;

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ShimExec> execs = new ConcurrentHashMap<>();
    private final Set<String> usedIds = ConcurrentHashMap.newKeySet();
    private final Object writeLock = new Object();
    private boolean closed;
    private ExecProvider provider;

    private ProviderAdapter(BufferedReader in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Serves the provider named by the one argument on standard input and output, and exits the JVM. */
    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        System.exit(run(args, in, out, System.err));
    }

    /**
     * Serves in this JVM until {@code shutdown} or the end of {@code in}.
     *
     * @return 0 after a shutdown or the end of input; 2 for a usage mistake, such as a class that is not a provider
     */
    static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ProviderAdapter(in, out, err));
        commandLine.setOut(new PrintWriter(err, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(NAME + ": " + e.getMessage().strip() + " (see --help)");
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        try {
            provider = Main.instantiate(providerClass, "parameter '<class>'");
        } catch (UsageException e) {
            err.println(NAME + ": " + e.getMessage() + " (see --help)");
            return 2;
        }
        ExecutorService answering = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, NAME + "-request");
            thread.setDaemon(true);
            return thread;
        });
        try {
            serve(answering);
        } catch (IOException e) {
            err.println(NAME + ": standard input failed, so the kit has gone: " + e.getMessage());
        } finally {
            synchronized (writeLock) {
                closed = true;
            }
            answering.shutdownNow();
            disposeAll();
        }
        return 0;
    }

    /** Reads requests until {@code shutdown} or the end of input, each answered on a thread of {@code answering}. */
    private void serve(ExecutorService answering) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = parse(line);
            if (request == null) {
                continue;
            }
            long id = request.get("id").asLong();
            String method = request.get("method").asText();
            JsonNode params = request.path("params");
            if (method.equals("shutdown")) {
                respond(id, json.createObjectNode());
                return;
            }
            answering.execute(() -> answer(id, method, params));
        }
    }

    /** The request on {@code line}; null, after a note on standard error, if it is none. */
    private JsonNode parse(String line) {
        JsonNode request;
        try {
            request = json.readTree(line);
        } catch (JsonProcessingException e) {
            err.println(NAME + ": skipped a line that is not JSON: " + line);
            return null;
        }
        JsonNode id = request.path("id");
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
            err.println(NAME + ": skipped a request without a positive integer id: " + line);
            return null;
        }
        JsonNode params = request.path("params");
        if (!request.path("method").isTextual() || !(params.isMissingNode() || params.isObject())) {
            fail(id.asLong(), ErrorKind.INVALID_ARGUMENT, "a request needs a string method and an object of params");
            return null;
        }
        return request;
    }

    private void answer(long id, String method, JsonNode params) {
        try {
            respond(id, result(method, params));
        } catch (ExecException e) {
            fail(id, e.kind(), e.getMessage());
        } catch (InterruptedException e) {
            fail(id, ErrorKind.UNAVAILABLE, "the adapter is shutting down");
        } catch (Exception e) {
            fail(id, ErrorKind.UNKNOWN, method + " failed: " + e);
        }
    }

    private JsonNode result(String method, JsonNode params) throws Exception {
        ObjectNode result = json.createObjectNode();
        switch (method) {
            case "hello" -> hello(params, result);
            case "create" -> create(params);
            case "exit" -> provider.exit(exec(params), (int) integer(params, "code", 0, 255));
            case "dispose" -> dispose(params);
            case "id" -> result.put("id", exec(params).id());
            case "pid" -> result.put("pid", exec(params).pid());
            case "state" -> result.put("state", exec(params).state().wireName());
            case "status" -> status(exec(params).status(), result);
            case "start" -> exec(params).start();
            case "kill" -> exec(params).kill(integer(params, "signal", 0, MAX_UINT32));
            case "resizePty" -> exec(params).resizePty(integer(params, "width", 0, MAX_UINT32),
                    integer(params, "height", 0, MAX_UINT32));
            case "closeIO" -> exec(params).closeIO(bool(params, "stdin"));
            case "wait" -> status(exec(params).awaitExit(), result);
            case "forceExit" -> exec(params).forceExit((int) integer(params, "status", Integer.MIN_VALUE,
                    Integer.MAX_VALUE));
            default -> throw new ExecException(ErrorKind.NOT_IMPLEMENTED, "unknown method '" + method + "'");
        }
        return result;
    }

    private void hello(JsonNode params, ObjectNode result) {
        long protocol = integer(params, "protocol", 0, MAX_UINT32);
        if (protocol != AdapterProvider.PROTOCOL) {
            throw new ExecException(ErrorKind.INVALID_ARGUMENT, "this adapter speaks protocol "
                    + AdapterProvider.PROTOCOL + ", but the kit speaks " + protocol);
        }
        result.put("protocol", AdapterProvider.PROTOCOL);
        result.put("name", provider.name());
        result.put("version", provider.version());
        ArrayNode features = result.putArray("features");
        for (Capability capability : new Capability[] {Capability.TTY, Capability.STDIN, Capability.SELF_EXIT}) {
            if (provider.capabilities().contains(capability)) {
                features.add(capability.featureName());
            }
        }
    }

    private void create(JsonNode params) throws Exception {
        ExecRequest request = new ExecRequest(text(params, "task"), text(params, "exec"), bool(params, "tty"),
                bool(params, "stdin"));
        if (!usedIds.add(request.execId())) {
            throw new ExecException(ErrorKind.ALREADY_EXISTS, "exec '" + request.execId() + "' already exists");
        }
        execs.put(request.execId(), provider.create(request));
    }

    private void dispose(JsonNode params) throws Exception {
        ShimExec exec = exec(params);
        execs.remove(text(params, "exec"), exec);
        provider.dispose(exec);
    }

    private void disposeAll() {
        for (ShimExec exec : execs.values()) {
            try {
                provider.dispose(exec);
            } catch (Exception e) {
                err.println(NAME + ": disposing of " + exec + " failed: " + e);
            }
        }
        execs.clear();
        try {
            provider.close();
        } catch (Exception e) {
            err.println(NAME + ": closing " + provider.name() + " failed: " + e);
        }
    }

    private ShimExec exec(JsonNode params) {
        String id = text(params, "exec");
        ShimExec exec = execs.get(id);
        if (exec == null) {
            throw new ExecException(ErrorKind.NOT_FOUND, "no exec '" + id + "'");
        }
        return exec;
    }

    private static void status(ExecStatus status, ObjectNode result) {
        result.put("id", status.taskId());
        result.put("execId", status.execId());
        result.put("bundle", status.bundle());
        result.put("pid", status.pid());
        result.put("status", status.status().name());
        result.put("stdin", status.stdin());
        result.put("stdout", status.stdout());
        result.put("stderr", status.stderr());
        result.put("terminal", status.terminal());
        result.put("exitStatus", status.exitStatus());
        result.put("exitedAt", status.exitedAt().toString());
    }

    private static String text(JsonNode params, String name) {
        JsonNode value = params.path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw invalid(name, "a non-empty string", value);
        }
        return value.asText();
    }

    private static boolean bool(JsonNode params, String name) {
        JsonNode value = params.path(name);
        if (!value.isBoolean()) {
            throw invalid(name, "true or false", value);
        }
        return value.asBoolean();
    }

    private static long integer(JsonNode params, String name, long lowest, long highest) {
        JsonNode value = params.path(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < lowest
                || value.asLong() > highest) {
            throw invalid(name, "an integer within " + lowest + ".." + highest, value);
        }
        return value.asLong();
    }

    private static ExecException invalid(String name, String expected, JsonNode value) {
        return new ExecException(ErrorKind.INVALID_ARGUMENT, "expected '" + name + "' to be " + expected
                + ", but it was " + (value.isMissingNode() ? "missing" : value.toString()));
    }

    private void respond(long id, JsonNode result) {
        ObjectNode response = json.createObjectNode();
        response.put("id", id);
        response.set("result", result);
        write(response);
    }

    private void fail(long id, ErrorKind kind, String message) {
        ObjectNode response = json.createObjectNode();
        response.put("id", id);
        ObjectNode error = response.putObject("error");
        error.put("kind", kind.wireName());
        error.put("message", message == null ? kind.wireName() : message);
        write(response);
    }

    /** Writes one response on one line; nothing once the adapter has begun to shut down. */
    private void write(ObjectNode response) {
        String line = response.toString();
        synchronized (writeLock) {
            if (!closed) {
                out.print(line + "\n");
                out.flush();
            }
        }
    }
}
