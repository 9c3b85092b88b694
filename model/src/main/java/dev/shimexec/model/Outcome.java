package dev.shimexec.model;

import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.TaskStatus;

/**
 * What one step returns, abstracted to what the contract speaks of: a pid is zero or positive, an exit
 * time is zero or set, an id is the one given at creation or another. The model predicts outcomes in
 * this form, and the kit abstracts what an implementation returned to the same form before it
 * compares.
 */
public sealed interface Outcome {

    /** Whether an implementation's {@code actual} outcome is one this predicted outcome allows. */
    default boolean admits(Outcome actual) {
        return equals(actual);
    }

    /** A call that returned normally with no value. */
    record Ok() implements Outcome {
        @Override
        public String toString() {
            return "ok";
        }
    }

    /** A call that failed; {@code kind} null admits a failure of any kind. */
    record Failed(ErrorKind kind) implements Outcome {
        @Override
        public boolean admits(Outcome actual) {
            return actual instanceof Failed f && (kind == null || kind == f.kind);
        }

        @Override
        public String toString() {
            return kind == null ? "error (any kind)" : kind.wireName();
        }
    }

    /** {@code id()}: whether it was the id given at creation. */
    record Id(boolean asCreated) implements Outcome {
        @Override
        public String toString() {
            return asCreated ? "id as created" : "another id";
        }
    }

    /** {@code pid()}: whether it was positive. */
    record Pid(boolean positive) implements Outcome {
        @Override
        public String toString() {
            return positive ? "pid > 0" : "pid 0";
        }
    }

    /** {@code state()}. */
    record State(ExecState state) implements Outcome {
        @Override
        public String toString() {
            return state.wireName();
        }
    }

    /** {@code status()}: the status value, the exit status and whether exited-at is set. */
    record Status(TaskStatus status, ExitCode exitStatus, boolean exitedAtSet) implements Outcome {
        @Override
        public boolean admits(Outcome actual) {
            return actual instanceof Status s && status == s.status && exitedAtSet == s.exitedAtSet
                    && exitStatus.admits(s.exitStatus.value());
        }

        @Override
        public String toString() {
            return "status " + status + ", exit " + exitStatus + ", exited-at " + (exitedAtSet ? "set" : "zero");
        }
    }

    /** {@code awaitExit()} had not returned when the kit looked. */
    record Blocked() implements Outcome {
        @Override
        public String toString() {
            return "wait blocks";
        }
    }

    /** {@code awaitExit()} returned this exit status, with exited-at set. */
    record Returned(ExitCode exitStatus, boolean exitedAtSet) implements Outcome {
        @Override
        public boolean admits(Outcome actual) {
            return actual instanceof Returned r && exitedAtSet == r.exitedAtSet
                    && exitStatus.admits(r.exitStatus.value());
        }

        @Override
        public String toString() {
            return "wait returns exit " + exitStatus + (exitedAtSet ? "" : " with zero exited-at");
        }
    }

    /** The exit status an outcome carries, if it carries one. */
    default ExitCode exitStatus() {
        if (this instanceof Status s && s.status == TaskStatus.STOPPED) {
            return s.exitStatus;
        }
        if (this instanceof Returned r) {
            return r.exitStatus;
        }
        return null;
    }
}
