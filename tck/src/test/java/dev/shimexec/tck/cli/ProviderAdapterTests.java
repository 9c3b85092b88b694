package dev.shimexec.tck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimexec.spec.Clause;
import dev.shimexec.tck.broken.Broken;
import dev.shimexec.tck.broken.BrokenProviders;
import dev.shimexec.tck.broken.concurrency.SilentForceExitProvider;
import dev.shimexec.tck.broken.concurrency.StuckLateWaitProvider;
import dev.shimexec.tck.cli.Runner.Outcome;
import dev.shimexec.tck.report.ReportContext;
import dev.shimexec.tck.support.ReferenceProvider;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ProviderAdapter}: the protocol's edges, spoken to it line by line in this JVM; and the adapter as a
 * process of its own behind the runner's {@code --adapter}, where the reference exec conforms and every
 * concurrency fault is found through the adapter protocol, under its own clause.
 */
class ProviderAdapterTests {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void helloNamesTheProviderAndTheFeaturesOfItsCapabilities() throws Exception {
        try (Session adapter = Session.of(ReferenceProvider.class.getName())) {

            JsonNode hello = adapter.call("{\"id\":1,\"method\":\"hello\",\"params\":{\"protocol\":1}}");

            JsonNode result = hello.get("result");
            assertEquals(1, result.get("protocol").asInt(), hello.toString());
            assertEquals("reference-exec (strict)", result.get("name").asText(), hello.toString());
            assertEquals(List.of("tty", "stdin", "exit"), JSON.convertValue(result.get("features"), List.class),
                    "start-failure has no feature in protocol version 1");
        }
    }

    @Test
    void contractErrorsAndProtocolMistakesCarryTheirKinds() throws Exception {
        try (Session adapter = Session.of(ReferenceProvider.class.getName())) {
            adapter.call("{\"id\":1,\"method\":\"create\",\"params\":{\"exec\":\"e1\",\"task\":\"t1\",\"tty\":false,"
                    + "\"stdin\":false}}");

            assertEquals("FailedPrecondition", adapter.errorKind("{\"id\":2,\"method\":\"kill\",\"params\":"
                    + "{\"exec\":\"e1\",\"signal\":9}}"), "kill on a created exec");
            assertEquals("AlreadyExists", adapter.errorKind("{\"id\":3,\"method\":\"create\",\"params\":"
                    + "{\"exec\":\"e1\",\"task\":\"t1\",\"tty\":false,\"stdin\":false}}"), "a reused exec id");
            assertEquals("NotFound", adapter.errorKind("{\"id\":4,\"method\":\"state\",\"params\":{\"exec\":\"e9\"}}"),
                    "an exec never created");
            assertEquals("InvalidArgument", adapter.errorKind("{\"id\":5,\"method\":\"kill\",\"params\":"
                    + "{\"exec\":\"e1\",\"signal\":-1}}"), "a signal outside 0..4294967295");
            assertEquals("InvalidArgument", adapter.errorKind("{\"id\":6,\"method\":7}"), "a method that is no string");
            assertEquals("NotImplemented", adapter.errorKind("{\"id\":7,\"method\":\"pause\",\"params\":"
                    + "{\"exec\":\"e1\"}}"), "an unknown method");
        }
    }

    @Test
    void aPendingWaitHoldsUpNoOtherRequestAndIsAnsweredWithTheExitStatus() throws Exception {
        try (Session adapter = Session.of(ReferenceProvider.class.getName())) {
            adapter.call("{\"id\":1,\"method\":\"create\",\"params\":{\"exec\":\"e1\",\"task\":\"t1\",\"tty\":false,"
                    + "\"stdin\":false}}");
            adapter.call("{\"id\":2,\"method\":\"start\",\"params\":{\"exec\":\"e1\"}}");

            adapter.send("{\"id\":3,\"method\":\"wait\",\"params\":{\"exec\":\"e1\"}}");
            JsonNode state = adapter.call("{\"id\":4,\"method\":\"state\",\"params\":{\"exec\":\"e1\"}}");
            adapter.call("{\"id\":5,\"method\":\"forceExit\",\"params\":{\"exec\":\"e1\",\"status\":-1}}");
            JsonNode waited = adapter.response(3);

            assertEquals("running", state.path("result").path("state").asText(), state.toString());
            assertEquals("STOPPED", waited.path("result").path("status").asText(), waited.toString());
            assertEquals(4294967295L, waited.path("result").path("exitStatus").asLong(), waited.toString());
        }
    }

    @Test
    void aLineThatIsNotARequestIsSkippedWithANoteAndTheNextOneServed() throws Exception {
        try (Session adapter = Session.of(ReferenceProvider.class.getName())) {

            adapter.send("this is not JSON");
            adapter.send("{\"method\":\"hello\"}");
            JsonNode hello = adapter.call("{\"id\":1,\"method\":\"hello\",\"params\":{\"protocol\":1}}");

            assertTrue(hello.has("result"), hello.toString());
            String notes = adapter.finish();
            assertTrue(notes.contains("skipped a line that is not JSON: this is not JSON"), notes);
            assertTrue(notes.contains("skipped a request without a positive integer id"), notes);
        }
    }

    @Test
    void shutdownIsAnsweredAndEndsTheAdapterWithStatus0() throws Exception {
        try (Session adapter = Session.of(ReferenceProvider.class.getName())) {

            JsonNode shutdown = adapter.call("{\"id\":1,\"method\":\"shutdown\",\"params\":{}}");

            assertTrue(shutdown.has("result"), shutdown.toString());
            assertEquals(0, adapter.status());
        }
    }

    @Test
    void aClassThatIsNoProviderIsAUsageMistakeOnOneLine() throws Exception {
        try (Session adapter = Session.of(String.class.getName())) {

            int status = adapter.status();

            String err = adapter.finish();
            assertEquals(2, status, err);
            assertEquals("shimexec-provider-adapter: Invalid value for parameter '<class>': class 'java.lang.String' is"
                    + " not an ExecProvider (it does not implement dev.shimexec.tck.ExecProvider) (see --help)",
                    err.strip());
        }
    }

    @Test
    void noClassIsAUsageMistakeOnOneLine() throws Exception {
        try (Session adapter = Session.of()) {

            int status = adapter.status();

            String err = adapter.finish();
            assertEquals(2, status, err);
            assertTrue(err.startsWith("shimexec-provider-adapter: Missing required parameter: '<class>'"), err);
            assertEquals(1, err.strip().lines().count(), err);
        }
    }

    // Through the runner, the adapter in a process of its own.

    @Test
    void theReferenceExecBehindTheAdapterConformsWithEveryConcurrencyClauseChecked() {
        Outcome outcome = assertTimeoutPreemptively(RUN_LIMIT, () -> Runner.run("--adapter",
                command(ReferenceProvider.class.getName()), "--depth", "1", "--tries", "60", "--report-dir",
                dir.toString(), "--quiet"));

        assertEquals(0, outcome.status(), outcome.toString());
        JsonNode report = Runner.reportJson(dir);
        for (JsonNode clause : report.get("clauses")) {
            if (clause.get("id").asText().startsWith("CONC-")) {
                assertEquals("PASS", clause.get("verdict").asText(), clause.toString());
                assertTrue(clause.get("checks").asLong() > 0, clause.toString());
            }
        }
    }

    /** One broken implementation for each concurrency clause. */
    static Stream<Broken> concurrencyFaults() {
        return BrokenProviders.concurrent().stream().filter(broken -> broken.provider() != StuckLateWaitProvider.class
                && broken.provider() != SilentForceExitProvider.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("concurrencyFaults")
    void aConcurrencyFaultIsFoundThroughTheAdapterUnderItsOwnClause(Broken broken) {
        Outcome outcome = assertTimeoutPreemptively(RUN_LIMIT, () -> Runner.run("--adapter",
                command(broken.provider().getName()), "--profile", broken.profile().id(), "--depth", "1", "--tries",
                broken.clause() == Clause.CONC_5 ? "6" : "12", "--timeout", "2s", "--report-dir", dir.toString(),
                "--quiet"));

        assertEquals(1, outcome.status(), outcome.toString());
        assertEquals("FAIL", Runner.verdict(Runner.reportJson(dir), broken.clause().id()), outcome.toString());
    }

    /** The shell command that runs the adapter around {@code providerClass} on this JVM's class path. */
    private static String command(String providerClass) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return ReportContext.quote(java.toString()) + " -cp " + ReportContext.quote(System.getProperty("java.class.path"))
                + " " + ProviderAdapter.class.getName() + " " + providerClass;
    }

    /** One adapter served in this JVM: lines go in through a pipe, responses are collected by id. */
    private static final class Session implements AutoCloseable {

        private final PipedWriter input = new PipedWriter();
        private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final CompletableFuture<Integer> status;
        private boolean closed;

        private Session(String... args) throws IOException {
            BufferedReader in = new BufferedReader(new PipedReader(input));
            PrintStream out = new PrintStream(new LineSink(output), false, StandardCharsets.UTF_8);
            PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
            status = CompletableFuture.supplyAsync(() -> ProviderAdapter.run(args, in, out, errors));
        }

        static Session of(String... args) throws IOException {
            return new Session(args);
        }

        void send(String line) throws IOException {
            input.write(line + "\n");
            input.flush();
        }

        /** Sends a request and returns its response. */
        JsonNode call(String request) throws Exception {
            send(request);
            return response(JSON.readTree(request).get("id").asLong());
        }

        String errorKind(String request) throws Exception {
            JsonNode response = call(request);
            JsonNode kind = response.path("error").path("kind");
            assertTrue(kind.isTextual(), "expected an error, but was " + response);
            assertTrue(response.path("error").path("message").isTextual(), response.toString());
            return kind.asText();
        }

        /** The response to request {@code id}, which must come within ten seconds. */
        JsonNode response(long id) throws Exception {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            List<String> others = new ArrayList<>();
            try {
                while (true) {
                    String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    assertNotNull(line, "no response to request " + id + " within " + LIMIT.toSeconds() + " s");
                    JsonNode response = JSON.readTree(line);
                    if (response.get("id").asLong() == id) {
                        return response;
                    }
                    others.add(line);
                }
            } finally {
                output.addAll(others);
            }
        }

        /** The adapter's exit status, once it has ended. */
        int status() throws Exception {
            return status.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            finish();
        }

        /** Ends the adapter's input, waits for it to end, and returns what it wrote to standard error. */
        String finish() throws Exception {
            if (!closed) {
                closed = true;
                input.close();
                status();
            }
            return err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.joining("\n"));
        }
    }

    /** Hands each line written to it to a queue. */
    private static final class LineSink extends OutputStream {

        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
