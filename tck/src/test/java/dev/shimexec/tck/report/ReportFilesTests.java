package dev.shimexec.tck.report;

import static dev.shimexec.tck.report.SampleReports.CONTEXT;
import static dev.shimexec.tck.report.SampleReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimexec.spec.Clause;
import dev.shimexec.tck.ConformanceReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFilesTests {

    @TempDir
    Path dir;

    @Test
    void everyFileIsWrittenIntoTheDirectory() throws Exception {
        ConformanceReport report = report(Set.of(Clause.KILL_3), Set.of());

        List<Path> written = ReportFiles.write(report, CONTEXT, dir.resolve("new/sub"));

        assertEquals(List.of("report.json", "report.md", "report.html", "TEST-shimexec-conformance.xml", "badge.svg",
                "badge.json"), written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : written) {
            assertTrue(Files.size(file) > 0, file + " is not empty");
        }
    }

    @Test
    void jsonCarriesTheCounterexampleAndItsExactReplayCommand() {
        ConformanceReport report = report(Set.of(Clause.KILL_3), Set.of(Clause.RESIZE_3));

        JsonNode json = JsonReport.tree(report, CONTEXT);

        JsonNode kill3 = clause(json, "KILL-3");
        assertEquals("FAIL", kill3.get("verdict").asText());
        assertEquals(Clause.KILL_3.sentence(), kill3.get("rule").asText());
        assertEquals("java -jar kit.jar --adapter './shim adapter' --profile strict --replay"
                        + " 'create(tty=false, stdin=false); start(); forceExit(3); kill(9)'",
                kill3.at("/counterexample/replayCommand").asText());
        assertEquals(17, kill3.at("/counterexample/originalLength").asInt());
        assertEquals("the implementation lacks <tty>", clause(json, "RESIZE-3").get("reason").asText());
        assertTrue(clause(json, "ID-1").get("counterexample").isNull());
        assertEquals(1, json.at("/totals/MUST/FAIL").asInt());
        assertEquals(1, json.at("/totals/MUST/NOT_VERIFIED").asInt());
        assertEquals("strict", json.get("profile").asText());
        assertEquals(5000, json.at("/run/timeoutMillis").asInt());
        assertEquals("unpackaged", json.at("/kit/jarSha256").asText());
        assertEquals("exit", json.at("/implementation/capabilities/0").asText());
        assertFalse(json.get("conforms").asBoolean());
    }

    private static JsonNode clause(JsonNode json, String id) {
        for (JsonNode clause : json.get("clauses")) {
            if (clause.get("id").asText().equals(id)) {
                return clause;
            }
        }
        throw new AssertionError("report.json has no clause " + id);
    }

    @Test
    void htmlLinksEachClauseToTheSpecificationAndEscapesText() {
        ConformanceReport report = report(Set.of(Clause.KILL_3), Set.of(Clause.RESIZE_3));
        ReportContext elsewhere = new ReportContext(CONTEXT.kit(), CONTEXT.replayPrefix(),
                "https://example.org/SPEC.md", null);

        String byDefault = HtmlReport.text(report, CONTEXT);
        String linkedElsewhere = HtmlReport.text(report, elsewhere);

        assertTrue(byDefault.contains("<a href=\"../spec/SPEC.md#kill-3\">KILL-3</a>"), "default link base");
        assertTrue(linkedElsewhere.contains("<a href=\"https://example.org/SPEC.md#kill-3\">KILL-3</a>"));
        assertTrue(byDefault.contains("the implementation lacks &lt;tty&gt;"), "reasons are escaped");
        assertFalse(byDefault.contains("<tty>"), "no raw markup from the report");
        assertFalse(byDefault.contains("<script") || byDefault.contains("<link") || byDefault.contains("src=\""),
                "self-contained");
        assertTrue(byDefault.contains("--replay &#39;create(tty=false"), "the replay command is shown");
    }

    @Test
    void markdownPutsFailuresFirstWithTheirReplayCommand() {
        ConformanceReport report = report(Set.of(Clause.KILL_3), Set.of());

        String md = MarkdownReport.text(report, CONTEXT);

        assertTrue(md.indexOf("### Failures") < md.indexOf("### Clauses"), md);
        assertTrue(md.contains("#### KILL-3 (MUST)"), md);
        assertTrue(md.contains("```sh\n" + CONTEXT.replayCommand(SampleReports.counterexample(Clause.KILL_3))
                + "\n```"), md);
        assertTrue(md.contains("| KILL-3 | MUST | **FAIL** |"), md);
        assertTrue(md.contains("**Does not conform**"), md);
    }

    @Test
    void junitXmlHasOneTestCasePerClauseWithFailuresAndSkips() throws Exception {
        ConformanceReport report = report(Set.of(Clause.KILL_3, Clause.ERR_1), Set.of(Clause.RESIZE_3));

        Document xml = parse(JUnitReport.text(report, CONTEXT));

        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals(String.valueOf(Clause.values().length), suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(Clause.values().length, cases.getLength());
        Element kill3 = testCase(cases, "KILL-3");
        assertEquals("shimexec.strict.must", kill3.getAttribute("classname"));
        Element failure = (Element) kill3.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("expected kill(9) \u2192 NotFound, got ok"));
        assertTrue(failure.getTextContent().contains("replay: java -jar kit.jar"));
        Element skipped = (Element) testCase(cases, "RESIZE-3").getElementsByTagName("skipped").item(0);
        assertEquals("the implementation lacks <tty>", skipped.getAttribute("message"));
    }

    @Test
    void junitXmlDropsCharactersXmlCannotCarry() throws Exception {
        ConformanceReport report = report(Set.of(), Set.of());

        String text = JUnitReport.text(report, CONTEXT);

        assertFalse(text.contains("\u0001"));
        parse(text);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testCase(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element element = (Element) cases.item(i);
            if (element.getAttribute("name").equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no test case " + name);
    }

    @Test
    void badgeJsonIsAShieldsEndpointAndTheSvgSaysTheSame() throws Exception {
        ConformanceReport report = report(Set.of(), Set.of(Clause.START_4, Clause.CLOSEIO_3, Clause.KILL_6));

        Badge badge = Badge.of(report);
        JsonNode json = new ObjectMapper().readTree(badge.json());

        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("shimexec strict", json.get("label").asText());
        assertEquals("conforms, 3 unverified", json.get("message").asText());
        assertEquals("yellow", json.get("color").asText());
        assertTrue(badge.svg().contains(">conforms, 3 unverified</text>"));
        assertTrue(badge.svg().contains("#dfb317"));
        parse(badge.svg());
    }

    @Test
    void shellQuotingKeepsPlainWordsAndQuotesTheRest() {
        assertEquals("--profile", ReportContext.quote("--profile"));
        assertEquals("/tmp/a.py", ReportContext.quote("/tmp/a.py"));
        assertEquals("'python3 a.py'", ReportContext.quote("python3 a.py"));
        assertEquals("'it'\\''s'", ReportContext.quote("it's"));
        assertEquals("''", ReportContext.quote(""));
    }

    @Test
    void aKitOutsideAJarIsUnpackagedAndAJarIsHashed() throws Exception {
        Path jar = Files.writeString(dir.resolve("kit.jar"), "abc");

        KitIdentity fromClasses = KitIdentity.of(ReportFilesTests.class);
        String hash = KitIdentity.sha256(jar);

        assertEquals(KitIdentity.UNPACKAGED, fromClasses.jarSha256());
        assertEquals(Optional.empty(), fromClasses.jar());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash);
    }
}
