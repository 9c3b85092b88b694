package dev.shimexec.tck.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small adapter program for the kit's own tests: an in-memory exec that follows the strict profile,
 * speaking protocol v1, which flags make misbehave in one chosen way.
 *
 * <p>Flags: {@code --wait-hangs} (never answers wait), {@code --crash-on M} (exits with status 3 when it
 * receives method M), {@code --hang-on M} (never answers M), {@code --garbage-on M} (answers M with a
 * line that is not JSON), {@code --unknown-id-on M} (answers M with an id the kit never sent), {@code
 * --error-kind-on M K} (answers M with error kind K), {@code --slow-on M S} (answers M after S seconds,
 * on a thread of its own), {@code --protocol N} (claims protocol N), {@code --features F} (comma list),
 * {@code --silent} (reads but never answers), {@code --stderr-lines N} (writes N lines to standard error
 * first), {@code --spawn-child FILE} (starts a long {@code sleep} and writes "adapter-pid child-pid" to
 * FILE).
 */
public final class FakeAdapter {

    private static final String SCRIPT = """
            import json, os, subprocess, sys, threading, time
            from datetime import datetime, timezone

            ARGS = sys.argv[1:]

            def flag(name, count=1):
                if name not in ARGS:
                    return None
                i = ARGS.index(name)
                return ARGS[i + 1:i + 1 + count] if count else True

            def on(name, method):
                value = flag(name)
                return value is not None and value[0] == method

            ZERO = "0001-01-01T00:00:00Z"
            OUT = threading.Lock()
            COND = threading.Condition()
            EXECS = {}
            PIDS = [1000]

            def send(obj):
                with OUT:
                    sys.stdout.write(json.dumps(obj) + "\\n")
                    sys.stdout.flush()

            class Err(Exception):
                def __init__(self, kind, message):
                    self.kind, self.message = kind, message

            class Exec:
                def __init__(self, eid, task, tty, stdin):
                    self.id, self.task, self.tty, self.stdin = eid, task, tty, stdin
                    self.state, self.pid, self.code, self.at, self.closed = "created", 0, 255, ZERO, False

            def now():
                return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

            def finish(e, code):
                if e.state != "exited":
                    e.state, e.code, e.at = "exited", code & 0xFFFFFFFF, now()
                    COND.notify_all()

            def invalid(e, op):
                return Err("FailedPrecondition", "exec: '%s' in task: '%s' is in invalid state: '%s' for %s"
                           % (e.id, e.task, e.state, op))

            def status(e):
                names = {"created": "CREATED", "running": "RUNNING", "exited": "STOPPED"}
                return {"id": e.task, "execId": e.id, "bundle": "", "pid": e.pid, "status": names[e.state],
                        "stdin": "", "stdout": "", "stderr": "", "terminal": e.tty, "exitStatus": e.code,
                        "exitedAt": e.at}

            def handle(method, p):
                if method == "hello":
                    features = flag("--features")
                    return {"protocol": int(flag("--protocol")[0]) if flag("--protocol") else 1,
                            "name": "fake-adapter", "version": "9.9",
                            "features": features[0].split(",") if features else ["tty", "stdin", "exit"]}
                if method == "shutdown":
                    return {}
                if method == "create":
                    if p["exec"] in EXECS:
                        raise Err("AlreadyExists", "exec %s exists" % p["exec"])
                    EXECS[p["exec"]] = Exec(p["exec"], p["task"], p["tty"], p["stdin"])
                    return {}
                e = EXECS.get(p.get("exec"))
                if e is None:
                    raise Err("NotFound", "no exec %s" % p.get("exec"))
                if method == "id":
                    return {"id": e.id}
                if method == "pid":
                    return {"pid": e.pid}
                if method == "state":
                    return {"state": e.state}
                if method == "status":
                    return status(e)
                if method == "start":
                    if e.state != "created":
                        raise invalid(e, "start")
                    PIDS[0] += 1
                    e.state, e.pid = "running", PIDS[0]
                    if e.stdin and e.closed:
                        finish(e, 0)
                    return {}
                if method == "kill":
                    if e.state == "created":
                        raise invalid(e, "kill")
                    if e.state == "exited":
                        raise Err("NotFound", "exec %s has exited" % e.id)
                    if not 1 <= p["signal"] <= 64:
                        raise invalid(e, "kill")
                    finish(e, 128 + p["signal"])
                    return {}
                if method == "resizePty":
                    if e.state == "running" and not e.tty:
                        raise invalid(e, "resizePty")
                    return {}
                if method == "closeIO":
                    if p["stdin"] and e.stdin and not e.closed:
                        e.closed = True
                        if e.state == "running":
                            finish(e, 0)
                    return {}
                if method == "forceExit":
                    finish(e, p["status"])
                    return {}
                if method == "exit":
                    if e.state == "running":
                        finish(e, p["code"])
                    return {}
                if method == "dispose":
                    finish(e, 1)
                    del EXECS[e.id]
                    return {}
                raise Err("NotImplemented", "no method " + method)

            def answer(rid, method, params):
                try:
                    with COND:
                        result = handle(method, params)
                    send({"id": rid, "result": result})
                except Err as err:
                    send({"id": rid, "error": {"kind": err.kind, "message": err.message}})

            def wait(rid, p):
                with COND:
                    e = EXECS.get(p.get("exec"))
                    if e is None:
                        send({"id": rid, "error": {"kind": "NotFound", "message": "no exec"}})
                        return
                    while e.state != "exited":
                        COND.wait()
                    result = status(e)
                send({"id": rid, "result": result})

            def slow(rid, method, params, seconds):
                time.sleep(seconds)
                answer(rid, method, params)

            def main():
                lines = flag("--stderr-lines")
                for n in range(int(lines[0]) if lines else 0):
                    sys.stderr.write("fake adapter diagnostic line %d\\n" % (n + 1))
                sys.stderr.flush()
                spawn = flag("--spawn-child")
                if spawn:
                    child = subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    with open(spawn[0], "w") as f:
                        f.write("%d %d\\n" % (os.getpid(), child.pid))
                for line in sys.stdin:
                    request = json.loads(line)
                    rid, method, params = request["id"], request["method"], request.get("params", {})
                    if flag("--silent", 0):
                        continue
                    if on("--crash-on", method):
                        sys.stderr.write("fake adapter: crashing on %s\\n" % method)
                        sys.stderr.flush()
                        os._exit(3)
                    if on("--hang-on", method) or (method == "wait" and flag("--wait-hangs", 0)):
                        continue
                    if on("--garbage-on", method):
                        with OUT:
                            sys.stdout.write("this is not json\\n")
                            sys.stdout.flush()
                        continue
                    if on("--unknown-id-on", method):
                        send({"id": rid + 100000, "result": {}})
                        continue
                    kind = flag("--error-kind-on", 2)
                    if kind and kind[0] == method:
                        send({"id": rid, "error": {"kind": kind[1], "message": "as asked"}})
                        continue
                    delay = flag("--slow-on", 2)
                    if delay and delay[0] == method:
                        threading.Thread(target=slow, args=(rid, method, params, float(delay[1])),
                                         daemon=True).start()
                        continue
                    if method == "wait":
                        threading.Thread(target=wait, args=(rid, params), daemon=True).start()
                        continue
                    answer(rid, method, params)
                    if method == "shutdown":
                        sys.exit(0)

            main()
            """;

    private FakeAdapter() {
    }

    /** Writes the fake adapter into {@code directory} and returns its path. */
    public static Path write(Path directory) {
        try {
            return Files.writeString(directory.resolve("fake_adapter.py"), SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line that runs the fake adapter at {@code script} with {@code flags}. */
    public static String command(Path script, String... flags) {
        List<String> words = new ArrayList<>();
        words.add("python3");
        words.add(script.toString());
        words.addAll(List.of(flags));
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    /** Writes a shell script named {@code name} with {@code body} into {@code directory}; returns the command. */
    public static String shell(Path directory, String name, String body) {
        try {
            Path script = Files.writeString(directory.resolve(name), body);
            return "sh '" + script + "'";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether process {@code pid} still runs: it exists and, on Linux, is not a zombie (ended, waiting to be
     * reaped by its parent, which {@link ProcessHandle#isAlive()} still counts as alive).
     */
    public static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The pids a {@code --spawn-child} fake wrote: the adapter's, then its child's. */
    public static List<Long> spawnedPids(Path pidFile) {
        try {
            String[] words = Files.readString(pidFile).strip().split("\\s+");
            return List.of(Long.parseLong(words[0]), Long.parseLong(words[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
