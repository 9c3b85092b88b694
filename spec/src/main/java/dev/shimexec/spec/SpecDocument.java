package dev.shimexec.spec;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the clause catalogue, the decisions and the profiles: as the generated part of
 * {@code spec/SPEC.md}, and as {@code spec/catalogue.json} for tools that do not read Java. Both files
 * are checked against this rendering by the build, so neither can drift from {@link Clause}.
 */
public final class SpecDocument {

    /** The line that opens the generated part of SPEC.md. */
    public static final String BEGIN = "<!-- generated from dev.shimexec.spec.Clause: do not edit by hand -->";

    /** The line that closes the generated part of SPEC.md. */
    public static final String END = "<!-- end of generated part -->";

    private SpecDocument() {
    }

    /** The generated part of SPEC.md, from {@link #BEGIN} to {@link #END} inclusive. */
    public static String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("## Clauses\n\n");
        md.append("| ID | Level | Rule |\n|---|---|---|\n");
        for (Clause clause : Clause.values()) {
            md.append("| [").append(clause.id()).append("](#").append(clause.anchor()).append(") | ")
                    .append(clause.level()).append(" | ").append(cell(clause.sentence())).append(" |\n");
        }
        md.append("\n## Clause details\n");
        for (Clause clause : Clause.values()) {
            md.append("\n<a id=\"").append(clause.anchor()).append("\"></a>\n")
                    .append("### ").append(clause.id()).append(" (").append(clause.level()).append(")\n\n")
                    .append(clause.sentence()).append("\n\n")
                    .append("- Intent: ").append(clause.intent()).append('\n')
                    .append("- Source: ").append(clause.source()).append('\n')
                    .append("- Formal model: ").append(formal(clause)).append('\n');
            for (Profile profile : Profile.values()) {
                profile.departure(clause).ifPresent(rule -> md.append("- Profile `").append(profile.id())
                        .append("`: ").append(rule).append('\n'));
            }
        }
        md.append("\n## Decisions on the open points\n\n");
        md.append("| ID | Question | Decision | Reason | Clauses |\n|---|---|---|---|---|\n");
        for (Decision decision : Decision.values()) {
            md.append("| <a id=\"").append(decision.name().toLowerCase(Locale.ROOT)).append("\"></a>")
                    .append(decision.name()).append(" | ").append(cell(decision.question())).append(" | ")
                    .append(cell(decision.answer())).append(" | ").append(cell(decision.reason())).append(" | ")
                    .append(decision.clauses().stream().map(c -> "[" + c.id() + "](#" + c.anchor() + ")")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        md.append("\n## Profiles\n\n");
        for (Profile profile : Profile.values()) {
            md.append("### `").append(profile.id()).append("`\n\n")
                    .append("Wait bound: ").append(profile.waitBound().toMillis()).append(" ms.");
            if (profile.departures().isEmpty()) {
                md.append(" Every clause as stated above.\n\n");
                continue;
            }
            md.append(" Departs from `strict` in these clauses:\n\n| ID | Rule under this profile |\n|---|---|\n");
            for (Map.Entry<Clause, String> departure : profile.departures().entrySet()) {
                md.append("| [").append(departure.getKey().id()).append("](#").append(departure.getKey().anchor())
                        .append(") | ").append(cell(departure.getValue())).append(" |\n");
            }
            md.append('\n');
        }
        long musts = count(Level.MUST);
        long covered = java.util.Arrays.stream(Clause.values())
                .filter(c -> c.level() == Level.MUST && c.formal().assertion().isPresent()).count();
        md.append("## Formal coverage\n\n")
                .append(covered).append(" of ").append(musts)
                .append(" MUST clauses are assertions of the formal model; the others are listed in the clause"
                        + " details with the reason the model cannot state them.\n\n");
        return md.append(END).append('\n').toString();
    }

    /** The catalogue as JSON: clauses, decisions and profiles. */
    public static String json() {
        StringBuilder json = new StringBuilder("{\n  \"clauses\": [\n");
        Clause[] clauses = Clause.values();
        for (int i = 0; i < clauses.length; i++) {
            Clause c = clauses[i];
            json.append("    {\"id\": ").append(quote(c.id()))
                    .append(", \"level\": ").append(quote(c.level().name()))
                    .append(", \"rule\": ").append(quote(c.sentence()))
                    .append(", \"intent\": ").append(quote(c.intent()))
                    .append(", \"source\": ").append(quote(c.source()))
                    .append(", \"anchor\": ").append(quote(c.anchor()))
                    .append(", \"formal\": ").append(c.formal().assertion().map(SpecDocument::quote).orElse("null"))
                    .append("}").append(i < clauses.length - 1 ? "," : "").append('\n');
        }
        json.append("  ],\n  \"decisions\": [\n");
        Decision[] decisions = Decision.values();
        for (int i = 0; i < decisions.length; i++) {
            Decision d = decisions[i];
            json.append("    {\"id\": ").append(quote(d.name()))
                    .append(", \"question\": ").append(quote(d.question()))
                    .append(", \"decision\": ").append(quote(d.answer()))
                    .append(", \"reason\": ").append(quote(d.reason()))
                    .append(", \"clauses\": [")
                    .append(d.clauses().stream().map(c -> quote(c.id())).collect(Collectors.joining(", ")))
                    .append("]}").append(i < decisions.length - 1 ? "," : "").append('\n');
        }
        json.append("  ],\n  \"profiles\": [\n");
        Profile[] profiles = Profile.values();
        for (int i = 0; i < profiles.length; i++) {
            Profile p = profiles[i];
            json.append("    {\"id\": ").append(quote(p.id()))
                    .append(", \"waitBoundMillis\": ").append(p.waitBound().toMillis())
                    .append(", \"departures\": {")
                    .append(p.departures().entrySet().stream()
                            .map(e -> quote(e.getKey().id()) + ": " + quote(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append("}}").append(i < profiles.length - 1 ? "," : "").append('\n');
        }
        return json.append("  ]\n}\n").toString();
    }

    private static long count(Level level) {
        return java.util.Arrays.stream(Clause.values()).filter(c -> c.level() == level).count();
    }

    private static String formal(Clause clause) {
        return clause.formal().assertion()
                .map(name -> "assertion `" + name + "` in [exec.als](src/main/alloy/exec.als)")
                .orElseGet(() -> "not modelled. " + clause.formal().gap().orElseThrow());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"':
                    quoted.append("\\\"");
                    break;
                case '\\':
                    quoted.append("\\\\");
                    break;
                case '\n':
                    quoted.append("\\n");
                    break;
                default:
                    if (ch < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) ch));
                    } else {
                        quoted.append(ch);
                    }
            }
        }
        return quoted.append('"').toString();
    }
}
