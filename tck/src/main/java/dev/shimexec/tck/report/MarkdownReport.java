package dev.shimexec.tck.report;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Level;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.Verdict;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report.md}: the report as GitHub-flavoured Markdown, short enough for a CI job summary. Failures
 * come first, each with its counterexample and replay command; then the totals and the clause table.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The report as Markdown text. */
    public static String text(ConformanceReport report, ReportContext context) {
        StringBuilder md = new StringBuilder();
        Badge badge = Badge.of(report);
        md.append("## shimexec conformance: ").append(cell(report.implementation())).append(' ')
                .append(cell(report.implementationVersion())).append("\n\n");
        md.append("**").append(report.conforms() ? "Conforms" : "Does not conform").append("** to the `")
                .append(report.config().profile().id()).append("` profile: ").append(badge.message())
                .append(".\n\n");
        md.append("Kit ").append(context.kit().version()).append(", seed ").append(report.config().seed())
                .append(", depth ").append(report.config().depth()).append(", ").append(report.config().tries())
                .append(" tries, call timeout ").append(report.config().callTimeout().toMillis())
                .append(" ms, wait bound ").append(report.config().waitBound().toMillis()).append(" ms");
        if (!report.config().clauses().isEmpty()) {
            md.append(", only ").append(clauseIds(report));
        }
        context.replayed().ifPresent(s -> md.append(", replay of `").append(s).append('`'));
        md.append(".\n\n");

        md.append("| Level | Pass | Fail | Not verified |\n|---|---:|---:|---:|\n");
        for (Map.Entry<Level, Map<Verdict, Integer>> level : report.totals().entrySet()) {
            Map<Verdict, Integer> counts = level.getValue();
            md.append("| ").append(level.getKey()).append(" | ").append(counts.get(Verdict.PASS)).append(" | ")
                    .append(counts.get(Verdict.FAIL)).append(" | ").append(counts.get(Verdict.NOT_VERIFIED))
                    .append(" |\n");
        }
        md.append('\n');

        boolean headed = false;
        for (ClauseResult result : report.results()) {
            if (result.verdict() != Verdict.FAIL) {
                continue;
            }
            if (!headed) {
                md.append("### Failures\n\n");
                headed = true;
            }
            Counterexample c = result.counterexample();
            md.append("#### ").append(result.clause().id()).append(" (").append(result.clause().level())
                    .append(")\n\n");
            md.append(cell(rule(result))).append("\n\n");
            md.append("- at step ").append(c.step()).append(": expected ").append(cell(c.expected()))
                    .append(", got ").append(cell(c.actual())).append('\n');
            md.append("- scenario, shrunk from ").append(c.originalLength()).append(" steps (seed ")
                    .append(c.seed()).append("):\n\n");
            fence(md, "text", c.scenario());
            if (!c.timeline().isEmpty()) {
                md.append("- history:\n\n");
                fence(md, "text", String.join("\n", c.timeline()));
            }
            md.append("- replay:\n\n");
            fence(md, "sh", context.replayCommand(c));
        }

        md.append("### Clauses\n\n| Clause | Level | Verdict | Detail |\n|---|---|---|---|\n");
        for (ClauseResult result : report.results()) {
            md.append("| ").append(result.clause().id()).append(" | ").append(result.clause().level())
                    .append(" | ").append(verdict(result.verdict())).append(" | ")
                    .append(cell(ReportContext.detail(result))).append(" |\n");
        }
        if (!report.diagnostics().isEmpty()) {
            md.append("\n<details><summary>Implementation diagnostics</summary>\n\n");
            fence(md, "text", report.diagnostics());
            md.append("</details>\n");
        }
        return md.toString();
    }

    /** The ids of the clauses a run was limited to, in catalogue order. */
    static String clauseIds(ConformanceReport report) {
        return report.config().clauses().stream().sorted().map(Clause::id).collect(Collectors.joining(", "));
    }

    static String rule(ClauseResult result) {
        return result.rule() != null ? result.rule() : result.clause().sentence();
    }

    private static String verdict(Verdict verdict) {
        switch (verdict) {
            case PASS:
                return "pass";
            case FAIL:
                return "**FAIL**";
            default:
                return "not verified";
        }
    }

    /** {@code text} made safe for one table cell: no line breaks, no bare pipes, no markup. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "\\`")
                .replace("*", "\\*").replace("_", "\\_").replaceAll("\\s*\\R\\s*", " ");
    }

    private static void fence(StringBuilder md, String language, String body) {
        String fence = body.contains("```") ? "~~~~" : "```";
        md.append(fence).append(language).append('\n').append(body).append('\n').append(fence).append("\n\n");
    }
}
