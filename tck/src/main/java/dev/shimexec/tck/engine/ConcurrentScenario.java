package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A concurrent scenario: how the exec is created, the steps run before the race, the race itself (a
 * block of threads, each with its own calls, let go at once), and the steps run after it.
 *
 * <p>Text form, which {@link #parse(String)} reads back:
 *
 * <pre>
 * concurrent(tty=false, stdin=false): start(); wait(); [forceExit(3) | forceExit(5), status() | kill(9)]; forceExit(1)
 * </pre>
 *
 * <ul>
 *   <li>Steps before the block run one after another on the kit's main thread. A {@code wait()} there
 *       is left blocked in the background, and the kit lets such waits settle before the race.
 *   <li>The block, in brackets, holds one thread per {@code |}-separated part; a thread runs its
 *       comma-separated calls in order, and every thread starts at the same instant (a start gate).
 *   <li>Steps after the block run on the main thread once every thread of the block has returned or
 *       is blocked in a wait; a {@code wait()} there is again left in the background.
 *   <li>Every scenario ends with an implicit closing look: {@code state()} until the exec has exited
 *       (if anything could have ended it), then {@code status()} and two late {@code wait()} calls.
 * </ul>
 *
 * @param tty whether the exec is created with a tty
 * @param stdin whether the exec is created with an open stdin
 * @param before the steps before the block
 * @param threads the block: one list of calls per thread, at least one thread
 * @param after the steps after the block
 */
public record ConcurrentScenario(boolean tty, boolean stdin, List<Input> before, List<List<Input>> threads,
                                 List<Input> after) {

    /** How a concurrent scenario's text begins. */
    static final String KEYWORD = "concurrent(";

    public ConcurrentScenario {
        before = List.copyOf(before);
        after = List.copyOf(after);
        List<List<Input>> copied = new ArrayList<>();
        for (List<Input> thread : threads) {
            if (thread.isEmpty()) {
                throw new IllegalArgumentException("a thread of a concurrent block needs at least one call");
            }
            copied.add(List.copyOf(thread));
        }
        if (copied.isEmpty()) {
            throw new IllegalArgumentException("a concurrent block needs at least one thread");
        }
        threads = List.copyOf(copied);
    }

    /** How many calls the scenario makes, not counting its closing look. */
    int length() {
        return before.size() + after.size() + threads.stream().mapToInt(List::size).sum();
    }

    /** The text form. */
    public String text() {
        StringBuilder text = new StringBuilder("concurrent(tty=").append(tty).append(", stdin=").append(stdin)
                .append("): ");
        for (Input input : before) {
            text.append(input.text()).append("; ");
        }
        text.append(threads.stream()
                .map(thread -> thread.stream().map(Input::text).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(" | ", "[", "]")));
        for (Input input : after) {
            text.append("; ").append(input.text());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Whether {@code text} is in this form, rather than a sequential scenario's. */
    static boolean isConcurrent(String text) {
        return text != null && text.strip().startsWith(KEYWORD);
    }

    /**
     * Reads a concurrent scenario's text form.
     *
     * @throws IllegalArgumentException naming what is wrong, if {@code text} is not one
     */
    public static ConcurrentScenario parse(String text) {
        Objects.requireNonNull(text, "scenario must not be null");
        String t = text.strip();
        int colon = t.indexOf("):");
        if (!t.startsWith(KEYWORD) || colon < 0) {
            throw new IllegalArgumentException("a concurrent scenario starts with"
                    + " 'concurrent(tty=<bool>, stdin=<bool>):', not '" + text + "'");
        }
        String flags = t.substring(KEYWORD.length(), colon).replace(" ", "");
        boolean tty = flag(flags, "tty", text);
        boolean stdin = flag(flags, "stdin", text);
        List<Input> before = new ArrayList<>();
        List<Input> after = new ArrayList<>();
        List<List<Input>> threads = null;
        for (String part : split(t.substring(colon + 2), ';', text)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("[")) {
                if (threads != null) {
                    throw new IllegalArgumentException("a concurrent scenario has one block in brackets, '" + text
                            + "' has more");
                }
                if (!p.endsWith("]")) {
                    throw new IllegalArgumentException("unclosed block '" + p + "' in '" + text + "'");
                }
                threads = new ArrayList<>();
                for (String thread : split(p.substring(1, p.length() - 1), '|', text)) {
                    List<Input> calls = new ArrayList<>();
                    for (String call : split(thread, ',', text)) {
                        if (!call.isBlank()) {
                            calls.add(Input.parse(call));
                        }
                    }
                    if (calls.isEmpty()) {
                        throw new IllegalArgumentException("an empty thread in the block of '" + text + "'");
                    }
                    threads.add(calls);
                }
            } else {
                (threads == null ? before : after).add(Input.parse(p));
            }
        }
        if (threads == null) {
            throw new IllegalArgumentException("a concurrent scenario needs a block in brackets, such as"
                    + " [wait() | forceExit(3)]; '" + text + "' has none");
        }
        return new ConcurrentScenario(tty, stdin, before, threads, after);
    }

    private static boolean flag(String flags, String name, String text) {
        for (String assignment : flags.split(",")) {
            if (assignment.equals(name + "=true")) {
                return true;
            }
            if (assignment.equals(name + "=false")) {
                return false;
            }
        }
        throw new IllegalArgumentException("a concurrent scenario names " + name + "=true or " + name
                + "=false in its header; '" + text + "' does not");
    }

    /** {@code text} split at {@code separator} where it stands outside parentheses and brackets. */
    private static List<String> split(String text, char separator, String whole) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced '" + c + "' in '" + whole + "'");
                }
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced brackets in '" + whole + "'");
        }
        parts.add(text.substring(from));
        return parts;
    }

    // Shrinking moves: each returns a smaller or plainer scenario, or null where the move does not apply.

    /** This scenario without thread {@code index}; null if it is the only one. */
    ConcurrentScenario withoutThread(int index) {
        if (threads.size() < 2) {
            return null;
        }
        List<List<Input>> fewer = new ArrayList<>(threads);
        fewer.remove(index);
        return new ConcurrentScenario(tty, stdin, before, fewer, after);
    }

    /**
     * This scenario with thread {@code index}, if it is a lone {@code wait()}, turned into a wait left
     * blocked before the race: one thread fewer; null if the move does not apply.
     */
    ConcurrentScenario withThreadWaitingBefore(int index) {
        List<Input> thread = threads.get(index);
        if (threads.size() < 2 || thread.size() != 1 || !(thread.get(0) instanceof Input.Wait)) {
            return null;
        }
        List<List<Input>> fewer = new ArrayList<>(threads);
        fewer.remove(index);
        List<Input> longer = new ArrayList<>(before);
        longer.add(new Input.Wait());
        return new ConcurrentScenario(tty, stdin, longer, fewer, after);
    }

    /** This scenario without call {@code call} of thread {@code index}; null if it is the thread's only call. */
    ConcurrentScenario withoutCall(int index, int call) {
        List<Input> thread = threads.get(index);
        if (thread.size() < 2) {
            return null;
        }
        List<Input> shorter = new ArrayList<>(thread);
        shorter.remove(call);
        List<List<Input>> changed = new ArrayList<>(threads);
        changed.set(index, shorter);
        return new ConcurrentScenario(tty, stdin, before, changed, after);
    }

    /** This scenario without step {@code index} before the block. */
    ConcurrentScenario withoutBefore(int index) {
        List<Input> fewer = new ArrayList<>(before);
        fewer.remove(index);
        return new ConcurrentScenario(tty, stdin, fewer, threads, after);
    }

    /** This scenario without step {@code index} after the block. */
    ConcurrentScenario withoutAfter(int index) {
        List<Input> fewer = new ArrayList<>(after);
        fewer.remove(index);
        return new ConcurrentScenario(tty, stdin, before, threads, fewer);
    }

    /** This scenario with an exec created without tty and stdin; null if it already is. */
    ConcurrentScenario plainer() {
        if (!tty && !stdin) {
            return null;
        }
        return new ConcurrentScenario(false, false, before, threads, after);
    }
}
