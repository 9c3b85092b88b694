package dev.shimexec.tck.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.ExecRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One exec behind an adapter: each contract call is one protocol request naming the exec. A response of
 * the wrong shape is a protocol fault, which makes the adapter undrivable; see {@link AdapterException}.
 */
final class AdapterExec implements ShimExec {

    private final AdapterProvider provider;
    private final ExecRequest request;

    AdapterExec(AdapterProvider provider, ExecRequest request) {
        this.provider = provider;
        this.request = request;
    }

    AdapterProvider provider() {
        return provider;
    }

    String execId() {
        return request.execId();
    }

    @Override
    public String id() {
        return text(send("id", "id()", params()), "id", "id()");
    }

    @Override
    public int pid() {
        long pid = integer(send("pid", "pid()", params()), "pid", "pid()", 0, Integer.MAX_VALUE);
        return (int) pid;
    }

    @Override
    public ExecState state() {
        String state = text(send("state", "state()", params()), "state", "state()");
        try {
            return ExecState.fromWireName(state);
        } catch (IllegalArgumentException e) {
            throw provider.fault("the adapter's result for state() names no state (created, running, exited): '"
                    + state + "'");
        }
    }

    @Override
    public ExecStatus status() {
        return statusOf(send("status", "status()", params()), "status()");
    }

    @Override
    public void start() {
        send("start", "start()", params());
    }

    @Override
    public void kill(long signal) {
        ObjectNode params = params();
        params.put("signal", signal);
        send("kill", "kill(" + signal + ")", params);
    }

    @Override
    public void resizePty(long width, long height) {
        ObjectNode params = params();
        params.put("width", width);
        params.put("height", height);
        send("resizePty", "resizePty(" + width + ", " + height + ")", params);
    }

    @Override
    public void closeIO(boolean stdin) {
        ObjectNode params = params();
        params.put("stdin", stdin);
        send("closeIO", "closeIO(" + stdin + ")", params);
    }

    /** Blocks until the adapter answers, without a time limit of its own: a wait may last as long as the exec. */
    @Override
    public ExecStatus awaitExit() throws InterruptedException {
        return statusOf(provider.requestUnbounded("wait", "wait()", params()), "wait()");
    }

    @Override
    public void forceExit(int status) {
        ObjectNode params = params();
        params.put("status", status);
        send("forceExit", "forceExit(" + status + ")", params);
    }

    @Override
    public String toString() {
        return "adapter exec " + request.execId() + " of task " + request.taskId();
    }

    private ObjectNode params() {
        return provider.paramsFor(this);
    }

    private JsonNode send(String method, String call, ObjectNode params) {
        return provider.request(method, call, params);
    }

    private ExecStatus statusOf(JsonNode result, String call) {
        String status = text(result, "status", call);
        TaskStatus taskStatus;
        try {
            taskStatus = TaskStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw provider.fault("the adapter's status object for " + call + " has status '" + status
                    + "', which is no containerd status (UNKNOWN, CREATED, RUNNING, STOPPED, PAUSED, PAUSING)");
        }
        return new ExecStatus(
                text(result, "id", call),
                text(result, "execId", call),
                text(result, "bundle", call),
                (int) integer(result, "pid", call, 0, Integer.MAX_VALUE),
                taskStatus,
                text(result, "stdin", call),
                text(result, "stdout", call),
                text(result, "stderr", call),
                bool(result, "terminal", call),
                integer(result, "exitStatus", call, 0, ExecStatus.MAX_EXIT_STATUS),
                time(result, "exitedAt", call));
    }

    private String text(JsonNode result, String field, String call) {
        JsonNode value = result.get(field);
        if (value == null || !value.isTextual()) {
            throw provider.fault("the adapter's result for " + call + " has no '" + field + "' string: " + result);
        }
        return value.asText();
    }

    private boolean bool(JsonNode result, String field, String call) {
        JsonNode value = result.get(field);
        if (value == null || !value.isBoolean()) {
            throw provider.fault("the adapter's result for " + call + " has no '" + field + "' boolean: " + result);
        }
        return value.asBoolean();
    }

    private long integer(JsonNode result, String field, String call, long min, long max) {
        JsonNode value = result.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < min || value.asLong() > max) {
            throw provider.fault("the adapter's result for " + call + " has no '" + field + "' integer within "
                    + min + ".." + max + ": " + result);
        }
        return value.asLong();
    }

    private Instant time(JsonNode result, String field, String call) {
        String text = text(result, field, call);
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw provider.fault("the adapter's result for " + call + " has an '" + field
                    + "' that is not an RFC 3339 time: '" + text + "'");
        }
    }
}
