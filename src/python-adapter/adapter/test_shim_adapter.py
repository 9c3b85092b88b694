"""Drives shim_adapter.py as the kit does: a subprocess spoken to in JSON Lines.

Run with ``python3 -m unittest -v`` from this directory (standard library only).
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
import unittest

import shim_adapter

ADAPTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim_adapter.py")
RESPONSE_TIMEOUT = 10.0
PROMPTLY = 0.25
RFC3339_NANOS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$")


def running(pid):
    """Whether ``pid`` is a live process: it exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            text = stat.read()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return text[text.rindex(")") + 2] != "Z"


class Session:
    """One adapter process, with a reader thread that files every response by its id."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, ADAPTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self._next_id = 0
        self._responses = {}
        self._arrived = threading.Condition()
        self.order = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            response = json.loads(line)
            with self._arrived:
                self._responses[response["id"]] = response
                self.order.append(response["id"])
                self._arrived.notify_all()

    def send(self, method, **params):
        """Sends a request and returns its id, without waiting for the response."""
        self._next_id += 1
        self.send_raw(json.dumps({"id": self._next_id, "method": method, "params": params}))
        return self._next_id

    def send_raw(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def response(self, request_id, timeout=RESPONSE_TIMEOUT):
        with self._arrived:
            if not self._arrived.wait_for(lambda: request_id in self._responses, timeout):
                raise AssertionError(f"expected a response to request {request_id} within {timeout} s, but none came")
            return self._responses[request_id]

    def call(self, method, **params):
        """Sends a request and returns its result; fails if the response is an error."""
        response = self.response(self.send(method, **params))
        if "result" not in response:
            raise AssertionError(f"expected {method} to succeed, but it answered {response}")
        return response["result"]

    def error_kind(self, method, **params):
        """Sends a request and returns the kind of its error; fails if it succeeded."""
        response = self.response(self.send(method, **params))
        if "error" not in response:
            raise AssertionError(f"expected {method} to fail, but it answered {response}")
        return response["error"]["kind"]

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


class AdapterSessionTests(unittest.TestCase):

    def setUp(self):
        self.session = Session()
        self.addCleanup(self.session.close)
        self.session.call("hello", protocol=1)

    def create_started(self, exec_id, tty=False, stdin=False):
        self.session.call("create", exec=exec_id, task="t1", tty=tty, stdin=stdin)
        self.session.call("start", exec=exec_id)
        return self.session.call("pid", exec=exec_id)["pid"]

    def assert_gone(self, pid):
        deadline = time.monotonic() + 5
        while running(pid):
            if time.monotonic() > deadline:
                self.fail(f"expected process {pid} to be gone within 5 s, but it still runs")
            time.sleep(0.01)

    def test_example_session_of_the_protocol(self):
        self.session.call("create", exec="e1", task="t1", tty=False, stdin=True)
        self.session.call("start", exec="e1")
        waiting = self.session.send("wait", exec="e1")

        exit_id = self.session.send("exit", exec="e1", code=3)
        status = self.session.response(waiting)["result"]

        self.assertEqual({}, self.session.response(exit_id)["result"])
        self.assertLess(self.session.order.index(exit_id), self.session.order.index(waiting),
                        "expected the exit response before the wait's")
        self.assertEqual(["id", "execId", "bundle", "pid", "status", "stdin", "stdout", "stderr", "terminal",
                          "exitStatus", "exitedAt"], list(status), "keys of the status object")
        self.assertEqual(("t1", "e1", "STOPPED", 3, False),
                         (status["id"], status["execId"], status["status"], status["exitStatus"],
                          status["terminal"]))
        self.assertGreater(status["pid"], 0)
        self.assertRegex(status["exitedAt"], RFC3339_NANOS)
        self.assertEqual({}, self.session.call("shutdown"))
        self.assertEqual(0, self.session.process.wait(RESPONSE_TIMEOUT), "exit status of the adapter")

    def test_hello_reports_the_protocol_and_features(self):
        result = self.session.call("hello", protocol=1)

        self.assertEqual({"protocol": 1, "name": "python-host-process", "version": "0.1.0",
                          "features": ["tty", "stdin", "exit"]}, result)

    def test_created_exec_reports_not_exited(self):
        self.session.call("create", exec="e1", task="t1", tty=True, stdin=False)

        status = self.session.call("status", exec="e1")

        self.assertEqual({"id": "t1", "execId": "e1", "bundle": "", "pid": 0, "status": "CREATED", "stdin": "",
                          "stdout": "", "stderr": "", "terminal": True, "exitStatus": 255,
                          "exitedAt": "0001-01-01T00:00:00Z"}, status)
        self.assertEqual({"state": "created"}, self.session.call("state", exec="e1"))
        self.assertEqual({"id": "e1"}, self.session.call("id", exec="e1"))

    def test_running_exec_has_a_real_process(self):
        pid = self.create_started("e1")

        status = self.session.call("status", exec="e1")

        self.assertTrue(running(pid), f"expected process {pid} to run")
        self.assertEqual((pid, "RUNNING", 255, "0001-01-01T00:00:00Z"),
                         (status["pid"], status["status"], status["exitStatus"], status["exitedAt"]))

    def test_exit_code_becomes_the_exit_status_and_the_pid_is_kept(self):
        pid = self.create_started("e1")

        self.session.call("exit", exec="e1", code=123)
        status = self.session.call("wait", exec="e1")

        self.assertEqual((123, pid, "STOPPED"), (status["exitStatus"], status["pid"], status["status"]))
        self.assertEqual(status, self.session.call("status", exec="e1"))

    def test_kill_nine_releases_every_waiter_with_identical_data(self):
        pid = self.create_started("e1")
        waiters = [self.session.send("wait", exec="e1") for _ in range(5)]

        self.session.call("kill", exec="e1", signal=9)

        statuses = [self.session.response(waiter)["result"] for waiter in waiters]
        self.assertEqual([statuses[0]] * 5, statuses, "data seen by the concurrent waiters")
        self.assertEqual(137, statuses[0]["exitStatus"])
        started = time.monotonic()
        self.assertEqual(statuses[0], self.session.call("wait", exec="e1"), "data seen by a late waiter")
        self.assertLess(time.monotonic() - started, PROMPTLY + 0.5, "time a late wait took")
        self.assertEqual("NotFound", self.session.error_kind("kill", exec="e1", signal=9))
        self.assert_gone(pid)

    def test_wait_does_not_hold_up_other_requests(self):
        self.create_started("e1")
        waiting = self.session.send("wait", exec="e1")

        state = self.session.call("state", exec="e1")

        self.assertEqual({"state": "running"}, state)
        self.assertNotIn(waiting, self.session.order, "expected the wait to be still pending")
        self.session.call("forceExit", exec="e1", status=1)
        self.assertEqual(1, self.session.response(waiting)["result"]["exitStatus"])

    def test_force_exit_minus_one_records_the_unsigned_value_and_kills_the_process(self):
        pid = self.create_started("e1")
        waiting = self.session.send("wait", exec="e1")

        self.session.call("forceExit", exec="e1", status=-1)

        self.assertEqual(4294967295, self.session.response(waiting, PROMPTLY + 0.5)["result"]["exitStatus"])
        self.assert_gone(pid)
        self.session.call("forceExit", exec="e1", status=5)
        self.assertEqual(4294967295, self.session.call("status", exec="e1")["exitStatus"],
                         "exit status after a second forceExit")

    def test_close_io_before_and_after_start_makes_the_workload_exit_zero(self):
        self.session.call("create", exec="before", task="t1", tty=False, stdin=True)
        self.session.call("closeIO", exec="before", stdin=True)
        self.session.call("start", exec="before")
        self.create_started("after", stdin=True)

        self.session.call("closeIO", exec="after", stdin=True)
        self.session.call("closeIO", exec="after", stdin=True)

        self.assertEqual(0, self.session.call("wait", exec="before")["exitStatus"])
        self.assertEqual(0, self.session.call("wait", exec="after")["exitStatus"])

    def test_resize_follows_the_tty_and_the_state(self):
        self.session.call("create", exec="piped", task="t1", tty=False, stdin=False)
        self.session.call("resizePty", exec="piped", width=80, height=24)
        self.session.call("start", exec="piped")
        self.create_started("tty", tty=True)

        kind = self.session.error_kind("resizePty", exec="piped", width=80, height=24)

        self.assertEqual("FailedPrecondition", kind)
        self.assertEqual({}, self.session.call("resizePty", exec="tty", width=120, height=30))
        self.session.call("kill", exec="piped", signal=15)
        self.assertEqual(143, self.session.call("wait", exec="piped")["exitStatus"])
        self.assertEqual({}, self.session.call("resizePty", exec="piped", width=80, height=24))

    def test_wrong_state_calls_fail_with_the_contract_kinds(self):
        self.session.call("create", exec="e1", task="t1", tty=False, stdin=False)

        kill_created = self.session.error_kind("kill", exec="e1", signal=9)

        self.assertEqual("FailedPrecondition", kill_created)
        self.assertEqual({"state": "created"}, self.session.call("state", exec="e1"))
        self.session.call("start", exec="e1")
        self.assertEqual("FailedPrecondition", self.session.error_kind("start", exec="e1"))
        self.assertEqual("FailedPrecondition", self.session.error_kind("kill", exec="e1", signal=65))
        self.assertEqual("FailedPrecondition", self.session.error_kind("kill", exec="e1", signal=0))
        self.assertEqual({"state": "running"}, self.session.call("state", exec="e1"))

    def test_protocol_errors(self):
        self.session.call("create", exec="e1", task="t1", tty=False, stdin=False)

        kinds = {
            "unknown method": self.session.error_kind("pause", exec="e1"),
            "reused exec id": self.session.error_kind("create", exec="e1", task="t1", tty=False, stdin=False),
            "unknown exec": self.session.error_kind("state", exec="nope"),
            "tty not a bool": self.session.error_kind("create", exec="e2", task="t1", tty="yes", stdin=False),
            "missing exec": self.session.error_kind("state"),
            "signal out of range": self.session.error_kind("kill", exec="e1", signal=4294967296),
            "status out of range": self.session.error_kind("forceExit", exec="e1", status=2147483648),
            "code out of range": self.session.error_kind("exit", exec="e1", code=256),
            "other protocol": self.session.error_kind("hello", protocol=2),
        }

        self.assertEqual({
            "unknown method": "NotImplemented",
            "reused exec id": "AlreadyExists",
            "unknown exec": "NotFound",
            "tty not a bool": "InvalidArgument",
            "missing exec": "InvalidArgument",
            "signal out of range": "InvalidArgument",
            "status out of range": "InvalidArgument",
            "code out of range": "InvalidArgument",
            "other protocol": "InvalidArgument",
        }, kinds)

    def test_lines_that_are_not_requests_are_skipped(self):
        self.session.send_raw("this is not json")
        self.session.send_raw('{"method": "state"}')

        result = self.session.call("hello", protocol=1)

        self.assertEqual(1, result["protocol"])

    def test_dispose_kills_the_process_and_forgets_the_exec(self):
        pid = self.create_started("e1")

        self.session.call("dispose", exec="e1")

        self.assert_gone(pid)
        self.assertEqual("NotFound", self.session.error_kind("state", exec="e1"))

    def test_end_of_input_kills_every_exec_and_exits_zero(self):
        pids = [self.create_started("e1"), self.create_started("e2", stdin=True)]

        self.session.process.stdin.close()

        self.assertEqual(0, self.session.process.wait(RESPONSE_TIMEOUT), "exit status of the adapter")
        for pid in pids:
            self.assert_gone(pid)

    def test_shutdown_kills_every_exec(self):
        pid = self.create_started("e1", tty=True)

        self.session.call("shutdown")

        self.assertEqual(0, self.session.process.wait(RESPONSE_TIMEOUT), "exit status of the adapter")
        self.assert_gone(pid)


class HostExecTests(unittest.TestCase):

    def test_start_that_cannot_run_the_program_leaves_the_exec_exited_with_one(self):
        exec_ = shim_adapter.HostExec("t1", "e1", ["/nonexistent/program"], tty=False, stdin=False)
        released = []
        waiter = threading.Thread(target=lambda: released.append(exec_.wait()))
        waiter.start()

        with self.assertRaises(shim_adapter.ExecError) as failure:
            exec_.start()

        waiter.join(PROMPTLY)
        self.assertEqual("Unknown", failure.exception.kind)
        self.assertEqual(1, len(released), "expected the waiter to be released")
        self.assertEqual((1, "STOPPED", 0), (released[0]["exitStatus"], released[0]["status"], released[0]["pid"]))
        self.assertEqual("FailedPrecondition", self._kind(exec_.start))

    def test_race_of_the_process_exit_and_force_exit_records_one_exit(self):
        for attempt in range(10):
            exec_ = shim_adapter.HostExec("t1", f"e{attempt}", ["/bin/sh", "-c", "exit 0"], tty=False, stdin=False)
            exec_.start()
            time.sleep(attempt * 0.0005)

            exec_.force_exit(7)
            waited = exec_.wait()

            time.sleep(0.02)
            self.assertIn(waited["exitStatus"], (0, 7))
            self.assertEqual(waited, exec_.status(), "status after both exits had their chance")

    def test_rfc3339_keeps_nanoseconds(self):
        text = shim_adapter.rfc3339(1_796_310_245_123_456_789)

        self.assertEqual("2026-12-03T15:04:05.123456789Z", text)

    @staticmethod
    def _kind(call):
        try:
            call()
        except shim_adapter.ExecError as error:
            return error.kind
        return None


if __name__ == "__main__":
    unittest.main()
