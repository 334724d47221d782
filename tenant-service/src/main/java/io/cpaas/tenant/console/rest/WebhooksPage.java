package io.cpaas.tenant.console.rest;

import io.cpaas.api.tenant.WebhookSettings;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.console.service.ConsoleRooms;
import io.cpaas.tenant.console.service.RoomData;
import io.cpaas.tenant.console.view.Nav;
import io.cpaas.tenant.webhook.rest.WebhookUpdateRequest;
import io.cpaas.tenant.webhook.service.WebhookSettingsService;
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

/**
 * Webhooks: where they go and the signing secret (tenant admins only), a test event, and the
 * delivery log from room-service with each delivery's attempts.
 */
@Path("/console/tenants/{tenantId}/webhooks")
@Produces(MediaType.TEXT_HTML)
public class WebhooksPage {

    private final WebhookSettingsService settings;
    private final ConsoleRooms rooms;
    private final ConsoleSession session;
    private final ConsoleErrors errors;

    public WebhooksPage(WebhookSettingsService settings, ConsoleRooms rooms, ConsoleSession session, ConsoleErrors errors) {
        this.settings = settings;
        this.rooms = rooms;
        this.session = session;
        this.errors = errors;
    }

    @GET
    public Response page(@PathParam("tenantId") String tenantId, @QueryParam("state") String state,
                         @QueryParam("cursor") String cursor, @QueryParam("notice") String notice) {
        return render(tenantId, state, cursor, List.of(), noticeText(notice), 200, null);
    }

    @POST
    @Path("/url")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setUrl(@PathParam("tenantId") String tenantId, @RestForm String url) {
        try {
            settings.update(session.caller(), tenantId, new WebhookUpdateRequest(url == null ? null : url.strip(), false));
        } catch (ProblemException refused) {
            if (refused.problem().status() != 400) {
                throw refused;
            }
            return render(tenantId, null, null, List.of(refused.problem().detail()), null, 400, url);
        }
        return back(tenantId, "saved");
    }

    @POST
    @Path("/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@PathParam("tenantId") String tenantId) {
        WebhookSettings current = settings.get(session.caller(), tenantId);
        settings.update(session.caller(), tenantId, new WebhookUpdateRequest(current.url(), true));
        return back(tenantId, "rotated");
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("tenantId") String tenantId) {
        rooms.sendTestEvent(session.caller(), tenantId);
        return back(tenantId, "test");
    }

    @GET
    @Path("/deliveries/{id}")
    public Response delivery(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        Nav nav = session.tenantNav(tenantId, "webhooks");
        return RoomsPage.html(ConsoleTemplates.delivery(nav, rooms.delivery(session.caller(), tenantId, id)).render());
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }

    private Response render(String tenantId, String state, String cursor, List<String> problems, String notice, int status,
                            String typedUrl) {
        Nav nav = session.tenantNav(tenantId, "webhooks");
        String url = typedUrl;
        String secret = null;
        if (nav.canManage()) {
            WebhookSettings current = settings.get(session.caller(), tenantId);
            url = typedUrl == null ? current.url() : typedUrl;
            secret = current.signingSecret();
        }
        RoomData.Deliveries deliveries = rooms.deliveries(session.caller(), tenantId, state, cursor);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(ConsoleTemplates.webhooks(nav, url, secret, deliveries, state, problems, notice).render()).build();
    }

    private static Response back(String tenantId, String notice) {
        return Response.seeOther(URI.create("/console/tenants/" + tenantId + "/webhooks?notice=" + notice)).build();
    }

    private static String noticeText(String notice) {
        if (notice == null) {
            return null;
        }
        return switch (notice) {
            case "saved" -> "The webhook URL was saved.";
            case "rotated" -> "A new signing secret was made; receivers must use it from now on.";
            case "test" -> "A webhook.test event was queued; it appears in the log below once sent.";
            default -> null;
        };
    }
}
