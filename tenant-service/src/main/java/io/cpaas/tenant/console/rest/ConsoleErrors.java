package io.cpaas.tenant.console.rest;

import io.cpaas.api.problem.Problem;
import io.cpaas.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * A refused or failed console request as a page with the problem's status, title and detail; and a
 * session Keycloak has ended as the session-expired page.
 */
@ApplicationScoped
public class ConsoleErrors {

    static final String SESSION_EXPIRED_PATH = "/console/session-expired";
    /** Quarkus names the session cookie after the OIDC tenant ("console"); long sessions add _chunk_N cookies. */
    private static final String SESSION_COOKIE = "q_session_console";

    private final ConsoleSession session;

    public ConsoleErrors(ConsoleSession session) {
        this.session = session;
    }

    public Response page(ProblemException e) {
        Problem problem = e.problem();
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(ConsoleTemplates.error(session.errorNav(), problem.status(), problem.title(), problem.detail()).render())
                .build();
    }

    /**
     * Keycloak ended the session while its tokens still lived (signed out elsewhere, session
     * expired): Quarkus fails the token refresh with an authentication failure, which the API would
     * answer as a problem+json 401. A console user is sent to the session-expired page instead, as
     * Quarkus does itself once the tokens have expired, and the session cookies are dropped so that
     * signing in again starts afresh.
     */
    public Response sessionEnded(ContainerRequestContext request) {
        Response.ResponseBuilder expired = Response.seeOther(URI.create(SESSION_EXPIRED_PATH)).header("Cache-Control", "no-store");
        request.getCookies().keySet().stream().filter(name -> name.startsWith(SESSION_COOKIE))
                .forEach(name -> expired.cookie(new NewCookie.Builder(name).value("").path("/console").maxAge(0).build()));
        return expired.build();
    }
}
