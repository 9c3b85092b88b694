package dev.shimexec.tck.report;

import static dev.shimexec.tck.report.Markup.escape;

import dev.shimexec.spec.Level;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.Verdict;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report.html}: the report as one self-contained page (no script, no external style or image).
 * Clause ids link to the specification at {@link ReportContext#specLink()}.
 */
public final class HtmlReport {

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;"
                    + "padding:0 1rem;color:#1b1f24;line-height:1.45}",
            "h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}",
            "table{border-collapse:collapse;width:100%;margin:1rem 0}",
            "th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}",
            "th{background:#f6f8fa}td.n{text-align:right}",
            ".PASS{color:#116329}.FAIL{color:#cf222e;font-weight:bold}.NOT_VERIFIED{color:#9a6700}",
            ".verdict{font-size:1.1rem;padding:.6rem 1rem;border-radius:.4rem;display:inline-block}",
            ".red{background:#ffebe9}.yellow{background:#fff8c5}.brightgreen{background:#dafbe1}",
            ".lightgrey{background:#eaeef2}",
            "pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;white-space:pre-wrap}",
            "dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}");

    private HtmlReport() {
    }

    /** The report as an HTML page. */
    public static String text(ConformanceReport report, ReportContext context) {
        Badge badge = Badge.of(report);
        KitConfig config = report.config();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>shimexec conformance: ").append(escape(report.implementation())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
        html.append("<h1>shimexec conformance: ").append(escape(report.implementation())).append(' ')
                .append(escape(report.implementationVersion())).append("</h1>\n");
        html.append("<p class=\"verdict ").append(badge.color()).append("\">")
                .append(report.conforms() ? "Conforms" : "Does not conform").append(" to the <code>")
                .append(escape(config.profile().id())).append("</code> profile: ").append(escape(badge.message()))
                .append("</p>\n");

        html.append("<dl>\n");
        item(html, "Kit", context.kit().version() + " (jar SHA-256 " + context.kit().jarSha256() + ")");
        item(html, "Capabilities", report.capabilities().isEmpty() ? "none"
                : report.capabilities().stream().map(Capability::featureName).sorted()
                        .collect(Collectors.joining(", ")));
        item(html, "Run", "seed " + config.seed() + ", depth " + config.depth() + ", " + config.tries()
                + " tries of " + config.randomLength() + " steps, call timeout " + config.callTimeout().toMillis()
                + " ms, wait bound " + config.waitBound().toMillis() + " ms");
        if (!config.clauses().isEmpty()) {
            item(html, "Only", MarkdownReport.clauseIds(report));
        }
        context.replayed().ifPresent(s -> item(html, "Replay of", s));
        item(html, "Started", report.statistics().started() + ", took " + report.statistics().elapsed().toMillis()
                + " ms: " + report.statistics().sequences() + " sequences, " + report.statistics().steps()
                + " steps, " + report.statistics().concurrentScenarios() + " concurrent scenarios");
        html.append("</dl>\n");

        html.append("<h2>Totals</h2>\n<table>\n<tr><th>Level</th><th>Pass</th><th>Fail</th><th>Not verified</th>"
                + "</tr>\n");
        for (Map.Entry<Level, Map<Verdict, Integer>> level : report.totals().entrySet()) {
            Map<Verdict, Integer> counts = level.getValue();
            html.append("<tr><td>").append(level.getKey()).append("</td><td class=\"n\">")
                    .append(counts.get(Verdict.PASS)).append("</td><td class=\"n\">").append(counts.get(Verdict.FAIL))
                    .append("</td><td class=\"n\">").append(counts.get(Verdict.NOT_VERIFIED)).append("</td></tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Clauses</h2>\n<table>\n<tr><th>Clause</th><th>Level</th><th>Rule</th><th>Verdict</th>"
                + "<th>Checks</th><th>Detail</th></tr>\n");
        for (ClauseResult result : report.results()) {
            String id = result.clause().id();
            html.append("<tr id=\"").append(escape(result.clause().anchor())).append("\"><td><a href=\"")
                    .append(escape(context.link(result))).append("\">").append(escape(id)).append("</a></td><td>")
                    .append(result.clause().level()).append("</td><td>").append(escape(MarkdownReport.rule(result)))
                    .append("</td><td class=\"").append(result.verdict().name()).append("\">")
                    .append(result.verdict().name().replace('_', ' ')).append("</td><td class=\"n\">")
                    .append(result.checks()).append("</td><td>");
            if (result.verdict() == Verdict.FAIL) {
                html.append("<a href=\"#failure-").append(escape(result.clause().anchor())).append("\">")
                        .append(escape(ReportContext.detail(result))).append("</a>");
            } else {
                html.append(escape(ReportContext.detail(result)));
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");

        boolean headed = false;
        for (ClauseResult result : report.results()) {
            Counterexample c = result.counterexample();
            if (result.verdict() != Verdict.FAIL || c == null) {
                continue;
            }
            if (!headed) {
                html.append("<h2>Failures</h2>\n");
                headed = true;
            }
            html.append("<h3 id=\"failure-").append(escape(result.clause().anchor())).append("\"><a href=\"")
                    .append(escape(context.link(result))).append("\">").append(escape(result.clause().id()))
                    .append("</a> (").append(result.clause().level()).append(")</h3>\n<p>")
                    .append(escape(MarkdownReport.rule(result))).append("</p>\n<dl>\n");
            item(html, "At step", Integer.toString(c.step()));
            item(html, "Expected", c.expected());
            item(html, "Actual", c.actual());
            item(html, "Shrunk from", c.originalLength() + " steps, seed " + c.seed());
            html.append("</dl>\n<p>Scenario:</p>\n<pre>").append(escape(c.scenario())).append("</pre>\n");
            if (!c.timeline().isEmpty()) {
                html.append("<p>History:</p>\n<pre>").append(escape(String.join("\n", c.timeline())))
                        .append("</pre>\n");
            }
            html.append("<p>Replay:</p>\n<pre>").append(escape(context.replayCommand(c))).append("</pre>\n");
        }

        if (!report.diagnostics().isEmpty()) {
            html.append("<h2>Implementation diagnostics</h2>\n<pre>").append(escape(report.diagnostics()))
                    .append("</pre>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void item(StringBuilder html, String term, String definition) {
        html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(definition)).append("</dd>\n");
    }
}
