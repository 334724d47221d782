package io.cpaas.tenant.console.rest;

import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.console.service.ConsoleTeam;
import io.cpaas.tenant.console.view.Nav;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Team: the tenant's console users; tenant admins invite (admin or viewer) and remove them. */
@Path("/console/tenants/{tenantId}/team")
@Produces(MediaType.TEXT_HTML)
public class TeamPage {

    private final ConsoleTeam team;
    private final ConsoleSession session;
    private final ConsoleErrors errors;

    public TeamPage(ConsoleTeam team, ConsoleSession session, ConsoleErrors errors) {
        this.team = team;
        this.session = session;
        this.errors = errors;
    }

    @GET
    public Response list(@PathParam("tenantId") String tenantId, @QueryParam("removed") String removed) {
        return page(session.tenantNav(tenantId, "team"), null, List.of(), removed == null ? null : "The user was removed.", 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@PathParam("tenantId") String tenantId, @RestForm String username, @RestForm String email,
                           @RestForm String role) {
        Nav nav = session.tenantNav(tenantId, "team");
        try {
            return page(nav, team.invite(session.caller(), tenantId, username, email, role), List.of(), null, 201);
        } catch (ProblemException refused) {
            int status = refused.problem().status();
            if (status != 400 && status != 409) {
                throw refused;
            }
            List<String> problems = refused.problem().errors() == null || refused.problem().errors().isEmpty()
                    ? List.of(refused.problem().detail())
                    : refused.problem().errors().stream().map(e -> e.field() + ": " + e.message()).toList();
            return page(nav, null, problems, null, status);
        }
    }

    @POST
    @Path("/{userId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        team.remove(session.caller(), tenantId, userId);
        return Response.seeOther(URI.create("/console/tenants/" + tenantId + "/team?removed=1")).build();
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }

    private Response page(Nav nav, ConsoleTeam.Invited invited, List<String> problems, String notice, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(ConsoleTemplates.team(nav, team.members(session.caller(), nav.tenantId()), invited, problems, notice).render())
                .build();
    }

}
