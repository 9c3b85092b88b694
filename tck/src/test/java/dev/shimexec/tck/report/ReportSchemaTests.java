package dev.shimexec.tck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.Clause;
import dev.shimexec.tck.cli.Main;
import dev.shimexec.tck.support.ReferenceProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks report.json against {@code spec/report.schema.json}, with a small structural checker written
 * here: it reads the keywords the schema uses ({@code type}, {@code const}, {@code enum}, {@code
 * required}, {@code properties}, {@code additionalProperties}, {@code items}, {@code minimum}, {@code
 * maximum}, {@code pattern} and local {@code $ref}) and fails on any other, so that the schema cannot
 * grow a rule this test silently ignores.
 */
class ReportSchemaTests {

    private static final Path SCHEMA = Path.of("..", "spec", "report.schema.json");
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "title", "description",
            "format");

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aHandBuiltReportMatchesTheSchema() throws Exception {
        JsonNode schema = json.readTree(SCHEMA.toFile());
        JsonNode report = JsonReport.tree(SampleReports.report(Set.of(Clause.KILL_3), Set.of(Clause.CONC_1)),
                SampleReports.CONTEXT);

        List<String> problems = check(schema, schema, report, "");

        assertEquals(List.of(), problems);
    }

    @Test
    void aReportWrittenByTheRunnerMatchesTheSchema() throws Exception {
        JsonNode schema = json.readTree(SCHEMA.toFile());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--impl", ReferenceProvider.class.getName(), "--depth", "2", "--tries",
            "20", "--report-dir", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> problems = check(schema, schema, json.readTree(dir.resolve("report.json").toFile()), "");

        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckerNoticesAMissingFieldAndAWrongType() throws Exception {
        JsonNode schema = json.readTree(SCHEMA.toFile());
        ObjectNode report = JsonReport.tree(SampleReports.report(Set.of(), Set.of()), SampleReports.CONTEXT);
        report.remove("seed");
        ((ObjectNode) report.get("run")).put("depth", "three");

        List<String> problems = check(schema, schema, report, "");

        assertTrue(problems.contains("/: 'seed' is required"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("/run/depth: type")), problems.toString());
    }

    private List<String> check(JsonNode root, JsonNode schema, JsonNode value, String path) {
        List<String> problems = new ArrayList<>();
        String at = path.isEmpty() ? "/" : path;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local $ref is read here: " + ref);
            }
            return check(root, root.at(ref.substring(1)), value, path);
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!ANNOTATIONS.contains(keyword) && !Set.of("type", "const", "enum", "required", "properties",
                    "additionalProperties", "items", "minimum", "maximum", "pattern").contains(keyword)) {
                throw new IllegalStateException("the schema uses '" + keyword + "', which this checker does not read");
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(at + ": type " + schema.get("type") + " expected, was " + value.getNodeType());
            return problems;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + schema.get("const") + " expected, was " + value);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                problems.add(at + ": one of " + schema.get("enum") + " expected, was " + value);
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(at + ": at least " + schema.get("minimum") + " expected, was " + value);
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                problems.add(at + ": at most " + schema.get("maximum") + " expected, was " + value);
            }
        }
        if (value.isTextual() && schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            problems.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + ": '" + required.asText() + "' is required");
                }
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode fieldSchema = schema.path("properties").get(field.getKey());
                if (fieldSchema == null) {
                    fieldSchema = schema.get("additionalProperties");
                }
                if (fieldSchema != null) {
                    problems.addAll(check(root, fieldSchema, field.getValue(), path + "/" + field.getKey()));
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                problems.addAll(check(root, schema.get("items"), value.get(i), path + "/" + i));
            }
        }
        return problems;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object":
                return value.isObject();
            case "array":
                return value.isArray();
            case "string":
                return value.isTextual();
            case "integer":
                return value.isIntegralNumber();
            case "number":
                return value.isNumber();
            case "boolean":
                return value.isBoolean();
            case "null":
                return value.isNull();
            default:
                throw new IllegalStateException("unknown type " + type);
        }
    }
}
