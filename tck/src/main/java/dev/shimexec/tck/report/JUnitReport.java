package dev.shimexec.tck.report;

import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.Verdict;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@value #FILE_NAME}: the report in the JUnit XML format that CI servers read. Each clause is one
 * test case, named by its id, in a class named {@code shimexec.<profile>.<level>}: a failed clause is a
 * failure (SHOULD and MAY clauses too, though they do not fail conformance), a clause not verified is
 * skipped with its reason.
 */
public final class JUnitReport {

    /** The file name CI servers look for by default. */
    public static final String FILE_NAME = "TEST-shimexec-conformance.xml";

    private JUnitReport() {
    }

    /** The report as JUnit XML text. */
    public static String text(ConformanceReport report, ReportContext context) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "shimexec-conformance");
            xml.writeAttribute("tests", Integer.toString(report.results().size()));
            xml.writeAttribute("failures", Long.toString(count(report, Verdict.FAIL)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(count(report, Verdict.NOT_VERIFIED)));
            xml.writeAttribute("time", seconds(report.statistics().elapsed().toMillis()));
            xml.writeAttribute("timestamp", report.statistics().started().toString());
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "implementation", report.implementation());
            property(xml, "implementation.version", report.implementationVersion());
            property(xml, "profile", report.config().profile().id());
            property(xml, "seed", Long.toString(report.config().seed()));
            property(xml, "kit.version", context.kit().version());
            property(xml, "kit.jarSha256", context.kit().jarSha256());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            String prefix = "shimexec." + report.config().profile().id() + ".";
            for (ClauseResult result : report.results()) {
                testCase(xml, prefix, result, context);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JUnit report could not be written", e);
        }
        return text.toString();
    }

    private static void testCase(XMLStreamWriter xml, String prefix, ClauseResult result, ReportContext context)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", prefix + result.clause().level().name().toLowerCase(Locale.ROOT));
        xml.writeAttribute("name", result.clause().id());
        xml.writeAttribute("time", "0");
        if (result.verdict() == Verdict.FAIL && result.counterexample() != null) {
            Counterexample c = result.counterexample();
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("type", result.clause().level().name());
            xml.writeAttribute("message", Markup.legal(ReportContext.detail(result)));
            StringBuilder body = new StringBuilder();
            body.append(MarkdownReport.rule(result)).append('\n')
                    .append("scenario: ").append(c.scenario()).append('\n');
            c.timeline().forEach(line -> body.append("  ").append(line).append('\n'));
            body.append("replay: ").append(context.replayCommand(c));
            xml.writeCharacters(Markup.legal(body.toString()));
            xml.writeEndElement();
        } else if (result.verdict() == Verdict.NOT_VERIFIED) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", Markup.legal(result.reason()));
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(Markup.legal(result.clause().level() + ": " + MarkdownReport.rule(result) + " ("
                + ReportContext.detail(result) + ")"));
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", Markup.legal(value));
    }

    private static long count(ConformanceReport report, Verdict verdict) {
        return report.results().stream().filter(r -> r.verdict() == verdict).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
