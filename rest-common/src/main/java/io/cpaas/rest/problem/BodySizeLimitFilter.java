package io.cpaas.rest.problem;

import io.cpaas.api.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses oversized bodies with problem+json before anything reads them. The HTTP layer enforces
 * the same limit (quarkus.http.limits.max-body-size) for bodies without a Content-Length.
 */
public class BodySizeLimitFilter {

    static final long MAX_BODY_BYTES = 64 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(length.strip()) <= MAX_BODY_BYTES) {
                return Optional.empty();
            }
        } catch (NumberFormatException ignored) {
            return Optional.of(ProblemResponses.of(ProblemType.MALFORMED_BODY, "Content-Length is not a number"));
        }
        return Optional.of(ProblemResponses.of(ProblemType.BODY_TOO_LARGE, "Request bodies are limited to 64 KiB"));
    }
}
