package org.lyncrunbooks.workflow;

import java.util.Optional;

/**
 * A runbook refuses what a person or script asked for (a start, a task completion) and says why: nothing was
 * started, completed or stored. Plain Java, so services throw it (or a subclass) without knowing the engine; the
 * engine logs it as a refusal instead of an error ({@link QuietRefusalsPlugin}), and REST answers it with its status
 * and message and one WARN line ({@link RefusalResponses}), however deep the engine wrapped it.
 */
public class RequestRefusedException extends RuntimeException {

    /** What the refusal means, as an HTTP status. */
    public enum Status {
        /** The request itself is wrong: a missing or malformed value, a decision without its reason. */
        BAD_REQUEST(400),
        /** The request names something that does not exist, such as a backup set. */
        NOT_FOUND(404),
        /** The request is right, but what runs or exists now forbids it, such as a recovery of the same server. */
        CONFLICT(409),
        /** The request is well formed, but what it names cannot be used, such as a set that failed verification. */
        UNPROCESSABLE(422);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Status status;

    public RequestRefusedException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    /** The refusal behind {@code thrown}: the exception itself or one of its causes, if any is one. */
    public static Optional<RequestRefusedException> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestRefusedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }
}
