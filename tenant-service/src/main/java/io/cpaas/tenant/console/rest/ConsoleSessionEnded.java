package io.cpaas.tenant.console.rest;

import io.cpaas.rest.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A failed authentication on a console page is a session Keycloak has ended while its tokens still
 * lived (Quarkus fails the token refresh): the session-expired page, not the API's problem+json 401,
 * which every other path keeps. Ahead of the API's mapper, since authentication fails before any
 * console resource (and its own mappers) is reached.
 */
public class ConsoleSessionEnded {

    private static final ProblemMappers API = new ProblemMappers();

    private final ConsoleErrors errors;

    public ConsoleSessionEnded(ConsoleErrors errors) {
        this.errors = errors;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response unauthenticated(AuthenticationFailedException e, ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        if (path.equals("/console") || path.startsWith("/console/")) {
            return errors.sessionEnded(request);
        }
        return API.unauthenticated(e);
    }
}
