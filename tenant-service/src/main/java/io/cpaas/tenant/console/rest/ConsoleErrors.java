package io.cpaas.tenant.console.rest;

import io.cpaas.api.problem.Problem;
import io.cpaas.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A refused or failed console request as a page with the problem's status, title and detail. */
@ApplicationScoped
public class ConsoleErrors {

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
}
