package io.cpaas.rest.problem;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import java.time.Duration;

/** A failure the caller can act on; turned into a problem+json response by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail), null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " does not exist or is not yours");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException rateLimited(Duration retryAfter) {
        return new ProblemException(Problem.of(ProblemType.RATE_LIMITED,
                "This API key sent more requests per second than its tenant's limit allows; retry after the delay in Retry-After"),
                retryAfter);
    }

    public Problem problem() {
        return problem;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
