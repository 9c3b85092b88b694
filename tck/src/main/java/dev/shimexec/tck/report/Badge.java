package dev.shimexec.tck.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Level;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one-line summary of a report, for a README badge. A badge never claims more than the report:
 *
 * <ul>
 *   <li>red, {@code N MUST failing}: a MUST clause failed;
 *   <li>lightgrey, {@code nothing verified}: no clause was checked at all;
 *   <li>orange, {@code incomplete, N MUST unverified}: nothing failed, but a MUST clause within the
 *       implementation's capabilities was not reached, so the run cannot say it conforms;
 *   <li>yellow, {@code conforms, ...}: every MUST clause that was checked holds, but a SHOULD clause
 *       failed, a clause was not verified, or the run covered only some clauses; the message names each;
 *   <li>brightgreen, {@code conforms}: every clause of the catalogue was checked, and every MUST and
 *       SHOULD clause holds.
 * </ul>
 *
 * @param label the left-hand text, {@code shimexec <profile>}
 * @param message the right-hand text
 * @param color a shields.io colour name
 */
public record Badge(String label, String message, String color) {

    public Badge {
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(color, "color must not be null");
    }

    /** The badge for {@code report}. */
    public static Badge of(ConformanceReport report) {
        String label = "shimexec " + report.config().profile().id();
        long mustFailing = count(report, Level.MUST, Verdict.FAIL);
        if (mustFailing > 0) {
            return new Badge(label, mustFailing + " MUST failing", "red");
        }
        if (report.results().stream().noneMatch(r -> r.verdict() == Verdict.PASS)) {
            return new Badge(label, "nothing verified", "lightgrey");
        }
        if (!report.conforms()) {
            long unreached = count(report, Level.MUST, Verdict.NOT_VERIFIED);
            return new Badge(label, "incomplete, " + unreached + " MUST unverified", "orange");
        }
        List<String> caveats = new ArrayList<>();
        long shouldFailing = count(report, Level.SHOULD, Verdict.FAIL);
        if (shouldFailing > 0) {
            caveats.add(shouldFailing + " SHOULD failing");
        }
        long unverified = report.results().stream().filter(r -> r.verdict() == Verdict.NOT_VERIFIED).count();
        if (unverified > 0) {
            caveats.add(unverified + " unverified");
        }
        long covered = report.results().stream().map(ClauseResult::clause).distinct().count();
        if (covered < Clause.values().length) {
            caveats.add(covered + " of " + Clause.values().length + " clauses");
        }
        if (caveats.isEmpty()) {
            return new Badge(label, "conforms", "brightgreen");
        }
        return new Badge(label, "conforms, " + String.join(", ", caveats), "yellow");
    }

    private static long count(ConformanceReport report, Level level, Verdict verdict) {
        return report.results().stream()
                .filter(r -> r.clause().level() == level && r.verdict() == verdict)
                .count();
    }

    /** The shields.io endpoint document: {@code schemaVersion}, {@code label}, {@code message}, {@code color}. */
    public String json() {
        ObjectNode badge = JsonNodeFactory.instance.objectNode();
        badge.put("schemaVersion", 1);
        badge.put("label", label);
        badge.put("message", message);
        badge.put("color", color);
        return badge.toPrettyString() + "\n";
    }

    /** A flat badge as a self-contained SVG image. */
    public String svg() {
        int labelWidth = textWidth(label) + 10;
        int messageWidth = textWidth(message) + 10;
        int width = labelWidth + messageWidth;
        String title = Markup.escape(label + ": " + message);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + title + "\">\n"
                + "  <title>" + title + "</title>\n"
                + "  <linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\""
                + " stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\n"
                + "  <clipPath id=\"r\"><rect width=\"" + width + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/>"
                + "</clipPath>\n"
                + "  <g clip-path=\"url(#r)\">\n"
                + "    <rect width=\"" + labelWidth + "\" height=\"20\" fill=\"#555\"/>\n"
                + "    <rect x=\"" + labelWidth + "\" width=\"" + messageWidth + "\" height=\"20\" fill=\""
                + hex() + "\"/>\n"
                + "    <rect width=\"" + width + "\" height=\"20\" fill=\"url(#s)\"/>\n"
                + "  </g>\n"
                + "  <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
                + " font-size=\"11\">\n"
                + "    <text x=\"" + labelWidth / 2 + "\" y=\"14\">" + Markup.escape(label) + "</text>\n"
                + "    <text x=\"" + (labelWidth + messageWidth / 2) + "\" y=\"14\">" + Markup.escape(message)
                + "</text>\n"
                + "  </g>\n"
                + "</svg>\n";
    }

    /** The colour in hex, as shields.io draws its named colours. */
    String hex() {
        switch (color.toLowerCase(Locale.ROOT)) {
            case "brightgreen":
                return "#4c1";
            case "green":
                return "#97ca00";
            case "yellow":
                return "#dfb317";
            case "orange":
                return "#fe7d37";
            case "red":
                return "#e05d44";
            default:
                return "#9f9f9f";
        }
    }

    /** An estimate of the width of {@code text} in 11 px Verdana, which is wide: about 7 px a character. */
    private static int textWidth(String text) {
        double width = 0;
        for (char c : text.toCharArray()) {
            width += c == ' ' ? 3.9 : Character.isUpperCase(c) ? 8.0 : Character.isDigit(c) ? 7.0 : 6.6;
        }
        return (int) Math.ceil(width);
    }
}
