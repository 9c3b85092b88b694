#!/usr/bin/env python3
"""Example adapter, protocol version 1, around an exec that runs real host processes.

The kit starts this program and speaks JSON Lines with it: one request per line on standard input, one
response per line on standard output, diagnostics on standard error. Only ``wait`` runs on a thread of
its own; every other request is answered in the order it arrives, so a ``wait`` never holds anything up.

The exec (``HostExec``) follows the strict profile of the contract:

    created --start--> running --process ends, kill ends it, forceExit--> exited
       |                                                                    ^
       +--forceExit, start that cannot run the program----------------------+

Limit: a tty exec has no terminal. The standard library cannot hand a pseudo-terminal to a process
reliably across platforms, so the tty setting is a flag that the status reports and that makes resizes
of a running exec legal; the size is accepted and dropped.

The workload of each exec is ``/bin/sh``. Without stdin it waits for a line on a control pipe that only
the adapter writes, and exits with the number it reads (``exit``). With stdin it reads its stdin, exits
with the first number it reads there, and exits with 0 at end of input (``closeIO``). Signals act on it
as on any program: one whose default action terminates ends it with status 128 + n, one ignored by
default leaves it running. If the adapter dies, every workload reads end of input and exits, so none
outlives it.

Run it with Python 3.11 or later: ``python3 shim_adapter.py``.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

PROTOCOL = 1
NAME = "python-host-process"
VERSION = "0.1.0"
FEATURES = ["tty", "stdin", "exit"]

CREATED = "created"
RUNNING = "running"
EXITED = "exited"
TASK_STATUS = {CREATED: "CREATED", RUNNING: "RUNNING", EXITED: "STOPPED"}

NOT_EXITED = 255
MAX_UINT32 = 0xFFFFFFFF
MIN_INT32 = -0x80000000
MAX_INT32 = 0x7FFFFFFF
FIRST_SIGNAL = 1
LAST_SIGNAL = 64
ZERO_TIME = "0001-01-01T00:00:00Z"

PIPE_WORKLOAD = 'read -r code <&"$1"; exit "${code:-1}"'
STDIN_WORKLOAD = "while read -r line; do case \"$line\" in ''|*[!0-9]*) ;; *) exit \"$line\" ;; esac; done; exit 0"


class ExecError(Exception):
    """A failed call, with the containerd error kind it carries."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


def invalid_state(task, exec_id, state, operation):
    """The FailedPrecondition of a call made in a state where it is not legal."""
    return ExecError("FailedPrecondition",
                     f"exec: '{exec_id}' in task: '{task}' is in invalid state: '{state}' for {operation}")


def rfc3339(time_ns):
    """``time_ns`` (nanoseconds since the epoch) as RFC 3339 in UTC with nanoseconds."""
    seconds, nanos = divmod(time_ns, 1_000_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{nanos:09d}Z"


def exit_status_of(returncode):
    """The exit status a process's return code stands for: 128 + n for a death by signal n."""
    return 128 - returncode if returncode < 0 else returncode


class HostExec:
    """One exec over a real host process; thread-safe.

    Every call takes the exec's lock for its whole effect. A watcher thread per process waits for the
    process to end without reaping it, then takes the lock, reaps it and records its exit unless one is
    recorded already; so while the lock is held and the exec is running, the pid cannot belong to
    another process, and a signal never reaches the wrong one. The first of the process's own end,
    ``force_exit`` and a failed ``start`` records the exit status, the exit time and the state in one
    step and wakes every waiter; later ones change nothing.
    """

    def __init__(self, task, exec_id, command, tty, stdin, pass_fds=()):
        self.task = task
        self.exec_id = exec_id
        self.tty = tty
        self.stdin = stdin
        self._command = list(command)
        self._pass_fds = tuple(pass_fds)
        self._lock = threading.Lock()
        self._exited = threading.Condition(self._lock)
        self._state = CREATED
        self._process = None
        self._pid = 0
        self._reaped = False
        self._stdin_closed = False
        self._exit_status = NOT_EXITED
        self._exited_at = ZERO_TIME

    def pid(self):
        with self._lock:
            return self._pid

    def state(self):
        with self._lock:
            return self._state

    def status(self):
        with self._lock:
            return self._snapshot()

    def start(self):
        """created -> running; FailedPrecondition otherwise. A program that cannot run: exited with 1."""
        with self._lock:
            if self._state != CREATED:
                raise invalid_state(self.task, self.exec_id, self._state, "start")
            try:
                process = subprocess.Popen(
                    self._command,
                    stdin=subprocess.PIPE if self.stdin else subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    pass_fds=self._pass_fds,
                    start_new_session=True)
            except (OSError, ValueError, subprocess.SubprocessError) as error:
                self._record_exit(1)
                raise ExecError("Unknown", f"exec: '{self.exec_id}' in task: '{self.task}' could not start"
                                           f" '{self._command[0]}': {error}") from error
            self._process = process
            self._pid = process.pid
            self._state = RUNNING
            if self._stdin_closed:
                self._close_stdin_pipe()
        threading.Thread(target=self._watch, args=(process,), name=f"watch-{self.exec_id}", daemon=True).start()

    def kill(self, sig):
        """Sends ``sig`` to the running process; FailedPrecondition if created or not 1..64, NotFound if exited."""
        with self._lock:
            if self._state == CREATED:
                raise invalid_state(self.task, self.exec_id, self._state, "kill")
            if self._state == EXITED:
                raise ExecError("NotFound", f"exec: '{self.exec_id}' in task: '{self.task}' has exited;"
                                            " cannot kill")
            if not FIRST_SIGNAL <= sig <= LAST_SIGNAL:
                raise ExecError("FailedPrecondition",
                                f"exec: '{self.exec_id}' in task: '{self.task}' in state: '{self._state}'"
                                f" cannot kill with signal {sig}: a POSIX signal is 1 to 64")
            try:
                os.kill(self._pid, sig)
            except OSError as error:
                raise ExecError("FailedPrecondition",
                                f"exec: '{self.exec_id}' in task: '{self.task}' in state: '{self._state}'"
                                f" could not kill with signal {sig}: {error}") from error

    def resize_pty(self, width, height):
        """Accepted on a running tty exec, ignored when not running; FailedPrecondition if running without tty."""
        with self._lock:
            if self._state == RUNNING and not self.tty:
                raise ExecError("FailedPrecondition",
                                f"exec: '{self.exec_id}' in task: '{self.task}' in state: '{self._state}'"
                                " has no tty for resizePty")

    def close_io(self, stdin):
        """Closes the process's stdin pipe if asked and open; before start, as soon as it runs. Never fails."""
        with self._lock:
            if not stdin or not self.stdin or self._stdin_closed:
                return
            self._stdin_closed = True
            self._close_stdin_pipe()

    def wait(self):
        """Blocks until the exec has exited, then returns its status."""
        with self._lock:
            self._exited.wait_for(lambda: self._state == EXITED)
            return self._snapshot()

    def force_exit(self, status):
        """Records exit status ``status`` (read as unsigned 32 bits) and kills the process; no-op once exited."""
        with self._lock:
            if self._state == EXITED:
                return
            self._record_exit(status & MAX_UINT32)
            self._signal_group(signal.SIGKILL)

    def write_input(self, data):
        """Writes ``data`` to the running process's stdin; returns whether it could."""
        with self._lock:
            if not self.stdin or self._stdin_closed or self._state != RUNNING:
                return False
            try:
                self._process.stdin.write(data)
                self._process.stdin.flush()
                return True
            except OSError:
                return False

    def close(self):
        """Ends the exec for good: force-exited with 1 if it has not exited, its process group killed.

        A process that has been reaped is not signalled, since its pid may belong to another by now; its
        descendants that outlived it are no longer tracked.
        """
        with self._lock:
            if self._state != EXITED:
                self._record_exit(1)
            self._signal_group(signal.SIGKILL)
            self._close_stdin_pipe()

    def _watch(self, process):
        try:
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        except ChildProcessError:
            pass
        with self._lock:
            returncode = process.wait()
            self._reaped = True
            if self._state == RUNNING:
                self._record_exit(exit_status_of(returncode))

    def _signal_group(self, sig):
        if self._process is None or self._reaped:
            return
        try:
            os.killpg(self._pid, sig)
        except OSError:
            pass

    def _close_stdin_pipe(self):
        if self._process is None or self._process.stdin is None:
            return
        try:
            self._process.stdin.close()
        except OSError:
            pass

    def _record_exit(self, status):
        self._exit_status = status
        self._exited_at = rfc3339(time.time_ns())
        self._state = EXITED
        self._exited.notify_all()

    def _snapshot(self):
        return {
            "id": self.task,
            "execId": self.exec_id,
            "bundle": "",
            "pid": self._pid,
            "status": TASK_STATUS[self._state],
            "stdin": "",
            "stdout": "",
            "stderr": "",
            "terminal": self.tty,
            "exitStatus": self._exit_status,
            "exitedAt": self._exited_at,
        }


class Workload:
    """The shell workload of one exec, and the way to make it exit with a chosen code."""

    def __init__(self, stdin):
        self.stdin = stdin
        if stdin:
            self._read_end = self._write_end = None
            self.command = ["/bin/sh", "-c", STDIN_WORKLOAD]
            self.pass_fds = ()
        else:
            self._read_end, self._write_end = os.pipe()
            self.command = ["/bin/sh", "-c", PIPE_WORKLOAD, "workload", str(self._read_end)]
            self.pass_fds = (self._read_end,)

    def started(self):
        """Drops the adapter's copy of the control pipe's read end: only the workload reads it."""
        if self._read_end is not None:
            os.close(self._read_end)
            self._read_end = None

    def exit(self, exec_, code):
        """Makes the running workload exit with ``code``; does nothing if the exec is not running."""
        line = f"{code}\n".encode("ascii")
        if self.stdin:
            exec_.write_input(line)
        elif exec_.state() == RUNNING:
            try:
                os.write(self._write_end, line)
            except OSError:
                pass

    def close(self):
        for fd in (self._read_end, self._write_end):
            if fd is not None:
                os.close(fd)
        self._read_end = self._write_end = None


class Adapter:
    """Reads requests, calls the execs, writes responses; one instance per run."""

    def __init__(self, source, sink, diagnostics):
        self._source = source
        self._sink = sink
        self._diagnostics = diagnostics
        self._write_lock = threading.Lock()
        self._registry_lock = threading.Lock()
        self._execs = {}
        self._workloads = {}
        self._used_ids = set()

    def run(self):
        """Serves until ``shutdown`` or end of input; kills every process it started; returns 0.

        On return it keeps the write lock, so that no response of a released ``wait`` starts after it.
        """
        while True:
            line = self._source.readline()
            if not line:
                self._log("end of input: the kit has gone; killing every exec")
                break
            if not line.strip():
                continue
            if self._handle_line(line):
                break
        self._dispose_all()
        self._write_lock.acquire()
        return 0

    def _handle_line(self, line):
        try:
            request = json.loads(line)
        except (ValueError, RecursionError) as error:
            self._log(f"ignored a line that is not JSON ({error}): {line!r}")
            return False
        request_id = request.get("id") if isinstance(request, dict) else None
        if not isinstance(request_id, int) or isinstance(request_id, bool) or request_id <= 0:
            self._log(f"ignored a request without a positive integer id: {line!r}")
            return False
        method = request.get("method")
        params = request.get("params", {})
        if not isinstance(method, str) or not isinstance(params, dict):
            self._reply_error(request_id, ExecError("InvalidArgument", "a request needs a string method and an"
                                                                       " object of params"))
            return False
        if method == "wait":
            threading.Thread(target=self._answer, args=(request_id, method, params), daemon=True,
                             name=f"wait-{request_id}").start()
            return False
        self._answer(request_id, method, params)
        return method == "shutdown"

    def _answer(self, request_id, method, params):
        handler = self._handlers().get(method)
        try:
            if handler is None:
                raise ExecError("NotImplemented", f"unknown method '{method}'")
            result = handler(params)
        except ExecError as error:
            self._reply_error(request_id, error)
            return
        except Exception as error:
            self._reply_error(request_id, ExecError("Unknown", f"{method} failed: {error!r}"))
            return
        self._write({"id": request_id, "result": result})

    def _handlers(self):
        return {
            "hello": self._hello,
            "create": self._create,
            "exit": self._exit,
            "dispose": self._dispose,
            "shutdown": lambda params: {},
            "id": lambda params: {"id": self._exec(params).exec_id},
            "pid": lambda params: {"pid": self._exec(params).pid()},
            "state": lambda params: {"state": self._exec(params).state()},
            "status": lambda params: self._exec(params).status(),
            "start": self._start,
            "kill": lambda params: self._call(self._exec(params).kill,
                                              integer(params, "signal", 0, MAX_UINT32)),
            "resizePty": lambda params: self._call(self._exec(params).resize_pty,
                                                   integer(params, "width", 0, MAX_UINT32),
                                                   integer(params, "height", 0, MAX_UINT32)),
            "closeIO": lambda params: self._call(self._exec(params).close_io, boolean(params, "stdin")),
            "wait": lambda params: self._exec(params).wait(),
            "forceExit": lambda params: self._call(self._exec(params).force_exit,
                                                   integer(params, "status", MIN_INT32, MAX_INT32)),
        }

    @staticmethod
    def _call(operation, *arguments):
        operation(*arguments)
        return {}

    def _hello(self, params):
        protocol = integer(params, "protocol", 0, MAX_UINT32)
        if protocol != PROTOCOL:
            raise ExecError("InvalidArgument", f"expected protocol {PROTOCOL}, but the kit speaks {protocol}")
        return {"protocol": PROTOCOL, "name": NAME, "version": VERSION, "features": FEATURES}

    def _create(self, params):
        exec_id = string(params, "exec")
        task = string(params, "task")
        tty = boolean(params, "tty")
        stdin = boolean(params, "stdin")
        with self._registry_lock:
            if exec_id in self._used_ids:
                raise ExecError("AlreadyExists", f"exec: '{exec_id}' already exists")
            workload = Workload(stdin)
            self._used_ids.add(exec_id)
            self._execs[exec_id] = HostExec(task, exec_id, workload.command, tty, stdin, workload.pass_fds)
            self._workloads[exec_id] = workload
        return {}

    def _start(self, params):
        exec_ = self._exec(params)
        workload = self._workload(exec_.exec_id)
        try:
            exec_.start()
        finally:
            if exec_.state() != CREATED:
                workload.started()
        return {}

    def _exit(self, params):
        exec_ = self._exec(params)
        code = integer(params, "code", 0, 255)
        self._workload(exec_.exec_id).exit(exec_, code)
        return {}

    def _dispose(self, params):
        exec_ = self._exec(params)
        with self._registry_lock:
            self._execs.pop(exec_.exec_id, None)
            workload = self._workloads.pop(exec_.exec_id, None)
        exec_.close()
        if workload is not None:
            workload.close()
        return {}

    def _dispose_all(self):
        with self._registry_lock:
            execs = list(self._execs.values())
            workloads = list(self._workloads.values())
            self._execs.clear()
            self._workloads.clear()
        for exec_ in execs:
            exec_.close()
        for workload in workloads:
            workload.close()

    def _exec(self, params):
        exec_id = string(params, "exec")
        with self._registry_lock:
            exec_ = self._execs.get(exec_id)
        if exec_ is None:
            raise ExecError("NotFound", f"no exec '{exec_id}'")
        return exec_

    def _workload(self, exec_id):
        with self._registry_lock:
            workload = self._workloads.get(exec_id)
        if workload is None:
            raise ExecError("NotFound", f"no exec '{exec_id}'")
        return workload

    def _reply_error(self, request_id, error):
        self._write({"id": request_id, "error": {"kind": error.kind, "message": error.message}})

    def _write(self, message):
        line = json.dumps(message, separators=(",", ":")) + "\n"
        with self._write_lock:
            try:
                self._sink.write(line)
                self._sink.flush()
            except OSError as error:
                self._log(f"could not answer request {message['id']}; the kit no longer reads ({error})")

    def _log(self, text):
        self._diagnostics.write(f"shim_adapter: {text}\n")
        self._diagnostics.flush()


def integer(params, name, lowest, highest):
    """Parameter ``name`` as an integer within ``lowest..highest``; InvalidArgument otherwise."""
    value = params.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= highest:
        raise ExecError("InvalidArgument", f"expected '{name}' to be an integer within {lowest}..{highest},"
                                           f" but it was {json.dumps(value)}")
    return value


def boolean(params, name):
    """Parameter ``name`` as a boolean; InvalidArgument otherwise."""
    value = params.get(name)
    if not isinstance(value, bool):
        raise ExecError("InvalidArgument", f"expected '{name}' to be true or false, but it was {json.dumps(value)}")
    return value


def string(params, name):
    """Parameter ``name`` as a non-empty string; InvalidArgument otherwise."""
    value = params.get(name)
    if not isinstance(value, str) or not value:
        raise ExecError("InvalidArgument", f"expected '{name}' to be a non-empty string, but it was"
                                           f" {json.dumps(value)}")
    return value


def main():
    source = open(sys.stdin.fileno(), "r", encoding="utf-8", closefd=False)
    sink = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    return Adapter(source, sink, sys.stderr).run()


if __name__ == "__main__":
    sys.exit(main())
