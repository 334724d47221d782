package io.cpaas.tenant.console.rest;

import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.security.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** /console: sends a signed-in user to its first page; /console/signed-out is where signing out ends,
 * /console/session-expired where an ended session does. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleHome {

    private final ConsoleSession session;
    private final ConsoleErrors errors;

    public ConsoleHome(ConsoleSession session, ConsoleErrors errors) {
        this.session = session;
        this.errors = errors;
    }

    @GET
    public Response home() {
        Caller caller = session.caller();
        String target = caller.isPlatformAdmin() ? "/console/admin/tenants" : "/console/tenants/" + caller.tenantId() + "/usage";
        return Response.seeOther(URI.create(target)).build();
    }

    @GET
    @Path("/signed-out")
    public Response signedOut() {
        return RoomsPage.html(ConsoleNotices.signedOut());
    }

    /** Where a user whose session Keycloak no longer renews lands (expired, or ended elsewhere). */
    @GET
    @Path("/session-expired")
    public Response sessionExpired() {
        return RoomsPage.html(ConsoleNotices.sessionExpired());
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }
}
