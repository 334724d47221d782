package io.cpaas.tenant.console.rest;

import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.console.service.ConsoleRooms;
import io.cpaas.tenant.console.view.Nav;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Live rooms: the rooms running now with their participants, how long they have run and where; one room in detail. */
@Path("/console/tenants/{tenantId}/rooms")
@Produces(MediaType.TEXT_HTML)
public class RoomsPage {

    private final ConsoleRooms rooms;
    private final ConsoleSession session;
    private final ConsoleErrors errors;

    public RoomsPage(ConsoleRooms rooms, ConsoleSession session, ConsoleErrors errors) {
        this.rooms = rooms;
        this.session = session;
        this.errors = errors;
    }

    @GET
    public Response list(@PathParam("tenantId") String tenantId) {
        Nav nav = session.tenantNav(tenantId, "rooms");
        return html(ConsoleTemplates.rooms(nav, rooms.liveRooms(session.caller(), tenantId)).render());
    }

    @GET
    @Path("/{room}")
    public Response room(@PathParam("tenantId") String tenantId, @PathParam("room") String room) {
        Nav nav = session.tenantNav(tenantId, "rooms");
        return html(ConsoleTemplates.room(nav, rooms.room(session.caller(), tenantId, room)).render());
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }

    static Response html(String page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store").build();
    }
}
