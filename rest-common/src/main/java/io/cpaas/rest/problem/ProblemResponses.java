package io.cpaas.rest.problem;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Builds problem+json responses so every failure path looks the same on the wire. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return of(problem, null);
    }

    public static Response of(ProblemType type, String detail) {
        return of(Problem.of(type, detail), null);
    }

    public static Response of(Problem problem, Duration retryAfter) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (retryAfter != null) {
            builder.header("Retry-After", Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        if (problem.status() == 401) {
            builder.header("WWW-Authenticate", "Basic realm=\"cpaas\", Bearer realm=\"cpaas\"");
        }
        return builder.build();
    }
}
