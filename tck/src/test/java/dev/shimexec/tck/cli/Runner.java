package dev.shimexec.tck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the runner in this JVM for a test, and reads what it left behind. */
final class Runner {

    private Runner() {
    }

    /** What one run printed and returned. */
    record Outcome(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode reportJson(Path directory) {
        try {
            return new ObjectMapper().readTree(directory.resolve("report.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict report.json gives {@code clauseId}, or null if it does not report that clause. */
    static String verdict(JsonNode report, String clauseId) {
        for (JsonNode clause : report.get("clauses")) {
            if (clause.get("id").asText().equals(clauseId)) {
                return clause.get("verdict").asText();
            }
        }
        return null;
    }

    /** Splits a POSIX shell command made of plain and single-quoted words, as the replay commands are. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
