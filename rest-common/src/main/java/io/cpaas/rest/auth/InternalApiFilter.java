package io.cpaas.rest.auth;

import io.cpaas.rest.problem.ProblemException;
import io.cpaas.rest.problem.ProblemResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every path under /internal/ needs the cluster secret, checked before the body is read or
 * validated, so a stranger learns nothing about what the internal API accepts.
 */
public class InternalApiFilter {

    private final ClusterSecretGuard guard;

    public InternalApiFilter(ClusterSecretGuard guard) {
        this.guard = guard;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireClusterSecret(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/internal/") && !path.equals("/internal")) {
            return Optional.empty();
        }
        try {
            guard.check(request.getHeaderString(ClusterSecretGuard.HEADER));
            return Optional.empty();
        } catch (ProblemException refused) {
            return Optional.of(ProblemResponses.of(refused.problem()));
        }
    }
}
