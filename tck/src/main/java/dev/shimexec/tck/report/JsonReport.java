package dev.shimexec.tck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.Level;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.Verdict;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.json}: the machine-readable report. {@code spec/REPORT.md} describes every field, and
 * {@code spec/report.schema.json} states them as a JSON Schema. Fields are only ever added within one
 * {@value #FORMAT_VERSION format version}.
 */
public final class JsonReport {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "shimexec-report";

    /** The value of the {@code formatVersion} field. */
    public static final int FORMAT_VERSION = 1;

    private JsonReport() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode tree(ConformanceReport report, ReportContext context) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        ObjectNode root = factory.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);

        ObjectNode kit = root.putObject("kit");
        kit.put("name", "shimexec-tck");
        kit.put("version", context.kit().version());
        kit.put("jarSha256", context.kit().jarSha256());

        ObjectNode implementation = root.putObject("implementation");
        implementation.put("name", report.implementation());
        implementation.put("version", report.implementationVersion());
        ArrayNode capabilities = implementation.putArray("capabilities");
        report.capabilities().stream().map(Capability::featureName).sorted().forEach(capabilities::add);

        KitConfig config = report.config();
        root.put("profile", config.profile().id());
        root.put("seed", config.seed());
        ObjectNode run = root.putObject("run");
        run.put("mode", context.replayed().isPresent() ? "replay" : "full");
        run.put("depth", config.depth());
        run.put("tries", config.tries());
        run.put("randomLength", config.randomLength());
        run.put("timeoutMillis", config.callTimeout().toMillis());
        run.put("waitBoundMillis", config.waitBound().toMillis());
        ArrayNode selected = run.putArray("clauses");
        config.clauses().stream().sorted().forEach(c -> selected.add(c.id()));
        if (context.replayed().isPresent()) {
            run.put("scenario", context.replayedScenario());
        } else {
            run.putNull("scenario");
        }

        root.put("conforms", report.conforms());
        Badge badge = Badge.of(report);
        ObjectNode summary = root.putObject("badge");
        summary.put("message", badge.message());
        summary.put("color", badge.color());

        ArrayNode clauses = root.putArray("clauses");
        for (ClauseResult result : report.results()) {
            clauses.add(clause(factory, result, context));
        }

        ObjectNode totals = root.putObject("totals");
        for (Map.Entry<Level, Map<Verdict, Integer>> level : report.totals().entrySet()) {
            ObjectNode byVerdict = totals.putObject(level.getKey().name());
            for (Map.Entry<Verdict, Integer> verdict : level.getValue().entrySet()) {
                byVerdict.put(verdict.getKey().name(), verdict.getValue());
            }
        }

        ConformanceReport.Statistics statistics = report.statistics();
        ObjectNode stats = root.putObject("statistics");
        stats.put("started", statistics.started().toString());
        stats.put("elapsedMillis", statistics.elapsed().toMillis());
        stats.put("sequences", statistics.sequences());
        stats.put("steps", statistics.steps());
        stats.put("concurrentScenarios", statistics.concurrentScenarios());
        ObjectNode phases = stats.putObject("phaseMillis");
        new TreeMap<>(statistics.phaseMillis()).forEach(phases::put);

        root.put("diagnostics", report.diagnostics());
        return root;
    }

    private static ObjectNode clause(JsonNodeFactory factory, ClauseResult result, ReportContext context) {
        ObjectNode node = factory.objectNode();
        node.put("id", result.clause().id());
        node.put("level", result.clause().level().name());
        node.put("rule", result.rule() != null ? result.rule() : result.clause().sentence());
        node.put("anchor", result.clause().anchor());
        node.put("verdict", result.verdict().name());
        node.put("checks", result.checks());
        if (result.reason() != null) {
            node.put("reason", result.reason());
        } else {
            node.putNull("reason");
        }
        Counterexample c = result.counterexample();
        if (c == null) {
            node.putNull("counterexample");
            return node;
        }
        ObjectNode counterexample = node.putObject("counterexample");
        counterexample.put("step", c.step());
        counterexample.put("expected", c.expected());
        counterexample.put("actual", c.actual());
        counterexample.put("scenario", c.scenario());
        ArrayNode timeline = counterexample.putArray("timeline");
        c.timeline().forEach(timeline::add);
        counterexample.put("seed", c.seed());
        counterexample.put("originalLength", c.originalLength());
        counterexample.put("replayCommand", context.replayCommand(c));
        return node;
    }

    /** The report as indented JSON text, ending with a newline. */
    public static String text(ConformanceReport report, ReportContext context) {
        return tree(report, context).toPrettyString() + "\n";
    }
}
