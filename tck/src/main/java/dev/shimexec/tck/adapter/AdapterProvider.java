package dev.shimexec.tck.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.CallTimeoutException;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An implementation in another process, driven through an adapter program that speaks the adapter
 * protocol, version 1 ({@code spec/ADAPTER-PROTOCOL.md}).
 *
 * <p>{@link #start(String, Duration)} runs the adapter command with {@code /bin/sh -c} and says
 * {@code hello}; from then on every {@link ShimExec} call of the execs it makes is one request. Every
 * request but {@code wait} is bounded by the call timeout and throws {@link CallTimeoutException} past
 * it; a {@code wait} blocks until the exec exits, the adapter fails, or the calling thread is
 * interrupted, as the contract allows. An adapter that cannot be driven makes every call throw {@link
 * AdapterException}. Thread-safe: requests may be in flight from any number of threads.
 *
 * <pre>{@code
 * try (AdapterProvider provider = AdapterProvider.start("python3 shim_adapter.py", Duration.ofSeconds(5))) {
 *     ConformanceReport report = Conformance.run(provider, KitConfig.defaults());
 * }
 * }</pre>
 */
public final class AdapterProvider implements ExecProvider {

    /** The protocol version this kit speaks. */
    public static final int PROTOCOL = 1;

    private final AdapterProcess process;
    private final Duration callTimeout;
    private final String name;
    private final String version;
    private final Set<Capability> capabilities;

    private AdapterProvider(AdapterProcess process, Duration callTimeout, JsonNode hello) {
        this.process = process;
        this.callTimeout = callTimeout;
        this.name = hello.get("name").asText();
        this.version = hello.get("version").asText();
        Set<Capability> declared = EnumSet.noneOf(Capability.class);
        for (JsonNode feature : hello.get("features")) {
            for (Capability capability : new Capability[] {Capability.TTY, Capability.STDIN, Capability.SELF_EXIT}) {
                if (capability.featureName().equals(feature.asText())) {
                    declared.add(capability);
                }
            }
        }
        this.capabilities = Set.copyOf(declared);
    }

    /**
     * Starts the adapter and greets it.
     *
     * @param command the adapter's command line, run by {@code /bin/sh -c}
     * @param callTimeout how long any request but {@code wait} may take
     * @throws AdapterException if the adapter does not start, does not answer {@code hello} within the call
     *     timeout, answers it wrongly, or speaks another protocol version; the adapter is ended first
     */
    public static AdapterProvider start(String command, Duration callTimeout) {
        Objects.requireNonNull(command, "command must not be null");
        Objects.requireNonNull(callTimeout, "callTimeout must not be null");
        if (command.isBlank()) {
            throw new IllegalArgumentException("the adapter command must not be blank");
        }
        AdapterProcess process = AdapterProcess.start(command);
        try {
            ObjectNode params = process.params();
            params.put("protocol", PROTOCOL);
            JsonNode hello = process.call("hello", "hello()", params, callTimeout);
            String wrong = checkHello(hello);
            if (wrong != null) {
                throw process.fail(wrong);
            }
            return new AdapterProvider(process, callTimeout, hello);
        } catch (CallTimeoutException e) {
            AdapterException fault = process.fail("the adapter did not answer hello within "
                    + callTimeout.toMillis() + " ms");
            process.close();
            throw fault;
        } catch (ExecException e) {
            AdapterException fault = process.fail("the adapter refused hello: " + e.kind().wireName() + ": "
                    + e.getMessage());
            process.close();
            throw fault;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.close();
            throw new AdapterException("interrupted while waiting for the adapter's hello", process.stderrTail());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static String checkHello(JsonNode hello) {
        JsonNode protocol = hello.get("protocol");
        if (protocol == null || !protocol.isIntegralNumber()) {
            return "the adapter's hello result has no integer 'protocol': " + hello;
        }
        if (protocol.asLong() != PROTOCOL) {
            return "the adapter speaks protocol " + protocol.asText() + "; this kit speaks protocol " + PROTOCOL;
        }
        for (String field : new String[] {"name", "version"}) {
            JsonNode value = hello.get(field);
            if (value == null || !value.isTextual()) {
                return "the adapter's hello result has no '" + field + "' string: " + hello;
            }
        }
        JsonNode features = hello.get("features");
        if (features == null || !features.isArray()) {
            return "the adapter's hello result has no 'features' list: " + hello;
        }
        for (JsonNode feature : features) {
            if (!feature.isTextual()) {
                return "the adapter's hello 'features' must all be strings: " + features;
            }
        }
        return null;
    }

    /** The name the adapter gave in its {@code hello}. */
    @Override
    public String name() {
        return name;
    }

    /** The version the adapter gave in its {@code hello}. */
    @Override
    public String version() {
        return version;
    }

    /** The capabilities named by the adapter's {@code features}: tty, stdin and exit. */
    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public ShimExec create(ExecRequest request) {
        ObjectNode params = process.params();
        params.put("exec", request.execId());
        params.put("task", request.taskId());
        params.put("tty", request.tty());
        params.put("stdin", request.stdin());
        request("create", request.text(), params);
        return new AdapterExec(this, request);
    }

    @Override
    public void exit(ShimExec exec, int code) {
        ObjectNode params = paramsFor(exec);
        params.put("code", code);
        request("exit", "exit(" + code + ")", params);
    }

    @Override
    public void dispose(ShimExec exec) {
        request("dispose", "dispose()", paramsFor(exec));
    }

    /** Sends {@code shutdown}, gives the adapter a moment to exit, then ends it and everything it started. */
    @Override
    public void close() {
        process.close();
    }

    /** The adapter's command line. */
    public String command() {
        return process.command();
    }

    /** The last lines (at most 64) the adapter wrote to its standard error; empty if none. */
    public String stderrTail() {
        return process.stderrTail();
    }

    /** Why the adapter cannot be driven any more, if it cannot. */
    public Optional<AdapterException> fault() {
        return Optional.ofNullable(process.fault());
    }

    /** The adapter process. */
    public ProcessHandle processHandle() {
        return process.handle();
    }

    /** How long each request but {@code wait} may take. */
    public Duration callTimeout() {
        return callTimeout;
    }

    ObjectNode paramsFor(ShimExec exec) {
        if (!(exec instanceof AdapterExec adapterExec) || adapterExec.provider() != this) {
            throw new IllegalArgumentException("exec " + exec + " was not made by this adapter provider");
        }
        ObjectNode params = process.params();
        params.put("exec", adapterExec.execId());
        return params;
    }

    /** Sends one request under the call timeout; see {@link AdapterProcess#call}. */
    JsonNode request(String method, String call, ObjectNode params) {
        try {
            return process.call(method, call, params, callTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallTimeoutException(call + " (interrupted)", callTimeout);
        }
    }

    /** Sends one request and waits for its response without a time limit. */
    JsonNode requestUnbounded(String method, String call, ObjectNode params) throws InterruptedException {
        return process.call(method, call, params, null);
    }

    /** Records a protocol fault found in a result and returns the fault in force. */
    AdapterException fault(String summary) {
        return process.fail(summary);
    }
}
