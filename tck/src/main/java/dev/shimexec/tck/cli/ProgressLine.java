package dev.shimexec.tck.cli;

import dev.shimexec.spec.Clause;
import dev.shimexec.tck.KitListener;
import java.io.PrintStream;

/**
 * Shows how far a run is on one terminal line, rewritten in place with a carriage return: the
 * implementation, the phase, and how many of its scenarios have run.
 */
final class ProgressLine implements KitListener {

    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final PrintStream terminal;
    private final String implementation;
    private int width;
    private long lastDrawn;
    private String broken = "";

    ProgressLine(PrintStream terminal, String implementation) {
        this.terminal = terminal;
        this.implementation = implementation;
    }

    @Override
    public void phaseStarted(String phase, int scenarios) {
        draw(phase + " 0/" + scenarios, true);
    }

    @Override
    public void progress(String phase, int done, int scenarios) {
        draw(phase + " " + done + "/" + scenarios, done == scenarios);
    }

    @Override
    public void clauseBroken(Clause clause) {
        broken = broken.isEmpty() ? clause.id() : broken + ", " + clause.id();
    }

    private void draw(String text, boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastDrawn < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        String line = implementation + ": " + text + (broken.isEmpty() ? "" : " (broken: " + broken + ")");
        if (line.length() > 118) {
            line = line.substring(0, 115) + "...";
        }
        terminal.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        terminal.flush();
        width = line.length();
    }

    /** Clears the line, so that what is printed next starts on a clean line. */
    void clear() {
        if (width > 0) {
            terminal.print("\r" + " ".repeat(width) + "\r");
            terminal.flush();
            width = 0;
        }
    }
}
