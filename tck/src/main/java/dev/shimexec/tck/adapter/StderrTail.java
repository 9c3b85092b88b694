package dev.shimexec.tck.adapter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines an adapter wrote to its standard error, kept for the report. A daemon thread reads the
 * stream to its end, so that an adapter that writes a lot of diagnostics never blocks on a full pipe.
 * Thread-safe.
 */
final class StderrTail {

    /** How many lines are kept. */
    static final int LINES = 64;

    /** How many characters of one line are kept. */
    private static final int LINE_LENGTH = 400;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;
    private long dropped;

    private StderrTail(InputStream stream) {
        this.reader = new Thread(() -> drain(stream), "shimexec-adapter-stderr");
        this.reader.setDaemon(true);
    }

    /** Starts draining {@code stream}. */
    static StderrTail of(InputStream stream) {
        StderrTail tail = new StderrTail(stream);
        tail.reader.start();
        return tail;
    }

    private void drain(InputStream stream) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                add(line);
            }
        } catch (IOException e) {
            add("(standard error could not be read further: " + e.getMessage() + ")");
        }
    }

    synchronized void add(String line) {
        String kept = line.length() > LINE_LENGTH ? line.substring(0, LINE_LENGTH) + " [cut]" : line;
        lines.addLast(kept);
        if (lines.size() > LINES) {
            lines.removeFirst();
            dropped++;
        }
    }

    /** Waits at most {@code millis} for the stream to end, so that the tail holds the adapter's last words. */
    void awaitEnd(long millis) {
        try {
            reader.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kept lines, joined by newlines; empty if the adapter wrote nothing. */
    synchronized String text() {
        if (lines.isEmpty()) {
            return "";
        }
        String head = dropped > 0 ? "(" + dropped + " earlier lines dropped)\n" : "";
        return head + String.join("\n", lines);
    }
}
