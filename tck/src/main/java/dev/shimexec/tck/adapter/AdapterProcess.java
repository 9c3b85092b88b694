package dev.shimexec.tck.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.tck.CallTimeoutException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One adapter process and the JSON Lines conversation with it (adapter protocol v1).
 *
 * <p>Requests are queued to a writer thread, so that a caller never blocks on a full pipe; a reader
 * thread matches each response to its request by id, in whatever order they come. Any number of
 * requests may be in flight at once, and a {@code wait} in flight holds up nothing else.
 *
 * <p>The first protocol fault (a line that is not a response, an id the kit never sent, the adapter's
 * death) is kept: it fails every request in flight and every later one with the same {@link
 * AdapterException}. The process and everything it started are ended on {@link #close()}, and by a JVM
 * shutdown hook if the run is interrupted before that. Thread-safe.
 */
final class AdapterProcess implements AutoCloseable {

    /** How long the adapter is given to answer {@code shutdown} and exit, before it is ended by force. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    /** How long ended processes are given to disappear after they are killed. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    /** How often, at most, the process tree is sampled for processes to end on close. */
    private static final long SAMPLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** How many characters of an offending line a message quotes. */
    private static final int QUOTE_LENGTH = 200;

    /** Put in the outbox to close the adapter's standard input. */
    private static final String END_OF_INPUT = "\u0000end of input";

    private final String command;
    private final Process process;
    private final StderrTail stderr;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Set<Long> abandoned = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastId = new AtomicLong();
    private final AtomicReference<AdapterException> fault = new AtomicReference<>();
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;
    private final Thread cleanup;
    private volatile boolean closing;
    private volatile long lastSample = System.nanoTime() - SAMPLE_INTERVAL_NANOS;

    private record Pending(long id, String call, CompletableFuture<JsonNode> answer) {
    }

    private AdapterProcess(String command, Process process) {
        this.command = command;
        this.process = process;
        this.stderr = StderrTail.of(process.getErrorStream());
        this.cleanup = new Thread(() -> endAll(Duration.ofMillis(500)), "shimexec-adapter-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Thread writer = daemon("shimexec-adapter-writer", this::write);
        this.reader = daemon("shimexec-adapter-reader", this::read);
        Thread watcher = daemon("shimexec-adapter-watcher", this::watch);
        writer.start();
        reader.start();
        watcher.start();
    }

    /**
     * Starts {@code command} with {@code /bin/sh -c}.
     *
     * @throws AdapterException if the shell cannot be started
     */
    static AdapterProcess start(String command) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
        try {
            return new AdapterProcess(command, builder.start());
        } catch (IOException e) {
            throw new AdapterException("the adapter command '" + command + "' could not be started: "
                    + e.getMessage(), "", e);
        }
    }

    /** The command line the adapter was started with. */
    String command() {
        return command;
    }

    /** The adapter process (the shell that runs the command, or the command itself). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** The last lines of the adapter's standard error. */
    String stderrTail() {
        return stderr.text();
    }

    /** The first protocol fault, if one has been seen. */
    AdapterException fault() {
        return fault.get();
    }

    /** A fresh, empty {@code params} object. */
    ObjectNode params() {
        return json.createObjectNode();
    }

    /**
     * Sends one request and waits for its response.
     *
     * @param method the protocol method
     * @param call the call in text form, for messages, such as {@code kill(9)}
     * @param params the request's parameters
     * @param limit how long to wait for the response; null to wait until it comes, the adapter fails, or
     *     the caller is interrupted
     * @return the response's {@code result} object
     * @throws ExecException if the adapter answered with an error
     * @throws CallTimeoutException if no response came within {@code limit}
     * @throws AdapterException if the adapter cannot be driven
     * @throws InterruptedException if the caller was interrupted while it waited
     */
    JsonNode call(String method, String call, ObjectNode params, Duration limit) throws InterruptedException {
        throwIfFaulted();
        long id = lastId.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, new Pending(id, call, answer));
        ObjectNode request = json.createObjectNode();
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        try {
            outbox.add(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            pending.remove(id);
            throw new IllegalStateException("request " + call + " cannot be written as JSON", e);
        }
        if (fault.get() != null && pending.remove(id) != null) {
            throw fault.get();
        }
        try {
            return limit == null ? answer.get() : answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            abandon(id);
            throw new CallTimeoutException(call, limit);
        } catch (InterruptedException e) {
            abandon(id);
            throw e;
        }
    }

    /**
     * Records a protocol fault found by a caller, such as a result of the wrong shape, and returns the
     * fault in force: this one, or the first one seen.
     */
    AdapterException fail(String summary) {
        AdapterException candidate = new AdapterException(summary, stderr.text());
        if (fault.compareAndSet(null, candidate)) {
            failPending(candidate);
        }
        return fault.get();
    }

    /** Fails every request in flight; a request is completed by whoever removes it from {@code pending}. */
    private void failPending(AdapterException failure) {
        for (Long id : pending.keySet()) {
            Pending request = pending.remove(id);
            if (request != null) {
                request.answer().completeExceptionally(failure);
            }
        }
    }

    private void throwIfFaulted() {
        AdapterException known = fault.get();
        if (known != null) {
            throw known;
        }
    }

    private void abandon(long id) {
        if (pending.remove(id) != null) {
            abandoned.add(id);
        }
    }

    private void write() {
        Writer out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        try (out) {
            while (true) {
                String line = outbox.take();
                if (line == END_OF_INPUT) {
                    return;
                }
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closing && !awaitExit(Duration.ofMillis(500))) {
                fail("the adapter closed its standard input while it still runs" + unanswered());
            }
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (fault.get() == null) {
                    accept(line);
                }
            }
        } catch (IOException e) {
            if (!closing) {
                fail("the adapter's standard output could not be read: " + e.getMessage());
            }
        }
        if (!closing) {
            boolean exited = awaitExit(Duration.ofSeconds(1));
            stderr.awaitEnd(500);
            fail((exited ? "the adapter exited with status " + process.exitValue()
                    : "the adapter closed its standard output") + unanswered());
        }
    }

    /** Notices an adapter that exited while something it started still holds its standard output. */
    private void watch() {
        try {
            int status = process.waitFor();
            reader.join(500);
            if (!closing && reader.isAlive()) {
                stderr.awaitEnd(200);
                fail("the adapter exited with status " + status + unanswered());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            fail("the adapter wrote a line that is not JSON: " + quote(line));
            return;
        }
        if (node == null || !node.isObject()) {
            fail("the adapter wrote a line that is not a JSON object: " + quote(line));
            return;
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
            fail("the adapter wrote a response without an integer id: " + quote(line));
            return;
        }
        long id = idNode.asLong();
        Pending request = pending.remove(id);
        if (request == null) {
            if (!abandoned.remove(id)) {
                fail(id >= 1 && id <= lastId.get()
                        ? "the adapter answered request " + id + " a second time: " + quote(line)
                        : "the adapter answered id " + id + ", which the kit never sent: " + quote(line));
            }
            return;
        }
        settle(request, node, line);
        sample();
    }

    private void settle(Pending request, JsonNode node, String line) {
        boolean hasResult = node.has("result");
        boolean hasError = node.has("error");
        if (hasResult == hasError) {
            request.answer().completeExceptionally(fail("the adapter's response to " + describe(request)
                    + " must carry exactly one of 'result' and 'error': " + quote(line)));
            return;
        }
        if (hasResult) {
            JsonNode result = node.get("result");
            if (!result.isObject()) {
                request.answer().completeExceptionally(fail("the adapter's result for " + describe(request)
                        + " is not a JSON object: " + quote(line)));
                return;
            }
            request.answer().complete(result);
            return;
        }
        JsonNode error = node.get("error");
        JsonNode kind = error.path("kind");
        if (!error.isObject() || !kind.isTextual()) {
            request.answer().completeExceptionally(fail("the adapter's error for " + describe(request)
                    + " has no 'kind' string: " + quote(line)));
            return;
        }
        ErrorKind errorKind;
        try {
            errorKind = ErrorKind.fromWireName(kind.asText());
        } catch (IllegalArgumentException e) {
            request.answer().completeExceptionally(fail("the adapter answered " + describe(request)
                    + " with error kind '" + kind.asText() + "', which protocol v1 does not have (kinds: "
                    + Arrays.stream(ErrorKind.values()).map(ErrorKind::wireName).collect(Collectors.joining(", "))
                    + ")"));
            return;
        }
        JsonNode message = error.path("message");
        request.answer().completeExceptionally(new ExecException(errorKind, message.isTextual() ? message.asText()
                : ""));
    }

    private static String describe(Pending request) {
        return request.call() + " (id " + request.id() + ")";
    }

    private String unanswered() {
        List<Pending> open = new ArrayList<>(pending.values());
        if (open.isEmpty()) {
            return "";
        }
        open.sort((a, b) -> Long.compare(a.id(), b.id()));
        String listed = open.stream().limit(3).map(AdapterProcess::describe).collect(Collectors.joining(", "));
        return " while " + (open.size() == 1 ? "a request was" : open.size() + " requests were")
                + " unanswered: " + listed + (open.size() > 3 ? ", ..." : "");
    }

    private static String quote(String line) {
        String clipped = line.length() > QUOTE_LENGTH ? line.substring(0, QUOTE_LENGTH) + "..." : line;
        return "'" + clipped + "'";
    }

    private boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Remembers the adapter's descendants, so that those left behind by a dying adapter can be ended too. */
    private void sample() {
        long now = System.nanoTime();
        if (now - lastSample < SAMPLE_INTERVAL_NANOS) {
            return;
        }
        lastSample = now;
        seen.removeIf(h -> !running(h));
        process.descendants().forEach(seen::add);
    }

    /**
     * Asks the adapter to shut down, gives it a moment, then ends it and every process it started. Every
     * request still in flight fails. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        lastSample = System.nanoTime() - SAMPLE_INTERVAL_NANOS;
        sample();
        if (fault.get() == null && process.isAlive()) {
            try {
                call("shutdown", "shutdown()", params(), SHUTDOWN_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The adapter is ended by force below, whatever it answered.
            }
        }
        outbox.add(END_OF_INPUT);
        awaitExit(SHUTDOWN_GRACE);
        endAll(KILL_GRACE);
        fault.compareAndSet(null, new AdapterException("the adapter has been shut down", ""));
        failPending(fault.get());
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook runs anyway and finds nothing left.
        }
    }

    /** Ends the adapter and every process it started that is still alive, and waits for them to go. */
    private void endAll(Duration grace) {
        List<ProcessHandle> targets = new ArrayList<>(seen);
        process.descendants().forEach(targets::add);
        for (ProcessHandle target : targets) {
            if (running(target)) {
                target.destroyForcibly();
            }
        }
        process.destroyForcibly();
        targets.add(process.toHandle());
        long deadline = System.nanoTime() + grace.toNanos();
        while (targets.stream().anyMatch(AdapterProcess::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether {@code process} still runs. A process that has ended but is not yet reaped by its parent (a
     * zombie, on Linux) no longer runs, though {@link ProcessHandle#isAlive()} still says it is alive.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int endOfName = stat.lastIndexOf(')');
            return endOfName < 0 || endOfName + 2 >= stat.length() || stat.charAt(endOfName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
