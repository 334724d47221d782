package io.cpaas.tenant.console.rest;

import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.console.service.ConsoleRooms;
import io.cpaas.tenant.console.view.Nav;
import io.cpaas.tenant.console.view.TenantRow;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.TenantStatus;
import io.cpaas.tenant.tenant.rest.TenantCreateRequest;
import io.cpaas.tenant.tenant.rest.TenantLimitsInput;
import io.cpaas.tenant.tenant.rest.TenantUpdateRequest;
import io.cpaas.tenant.tenant.service.TenantService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Platform admin pages: tenants (create, limits, disable, enable) and the worker pool (state, load, rooms, drain). */
@Path("/console/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    private final TenantService tenants;
    private final ConsoleRooms rooms;
    private final ConsoleSession session;
    private final ConsoleErrors errors;
    private final Validator validator;

    public AdminPages(TenantService tenants, ConsoleRooms rooms, ConsoleSession session, ConsoleErrors errors, Validator validator) {
        this.tenants = tenants;
        this.rooms = rooms;
        this.session = session;
        this.errors = errors;
        this.validator = validator;
    }

    @GET
    @Path("/tenants")
    public Response tenantList(@QueryParam("cursor") String cursor, @QueryParam("notice") String notice) {
        return tenantPage(cursor, List.of(), notice, 200);
    }

    @POST
    @Path("/tenants")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name, @RestForm String maxConcurrentParticipants, @RestForm String maxRooms,
                           @RestForm String requestsPerSecondPerKey) {
        List<String> problems = new ArrayList<>();
        TenantLimitsInput limits = limits(maxConcurrentParticipants, maxRooms, requestsPerSecondPerKey, problems);
        TenantCreateRequest request = new TenantCreateRequest(name == null ? null : name.strip(), limits, null);
        problems.addAll(violations(validator.validate(request)));
        if (!problems.isEmpty()) {
            return tenantPage(null, problems, null, 400);
        }
        try {
            Tenant created = tenants.create(session.caller(), request);
            return Response.seeOther(URI.create("/console/admin/tenants?notice=created-" + created.id())).build();
        } catch (ProblemException refused) {
            if (refused.problem().status() != 400 && refused.problem().status() != 409) {
                throw refused;
            }
            return tenantPage(null, List.of(refused.problem().detail()), null, refused.problem().status());
        }
    }

    @POST
    @Path("/tenants/{tenantId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("tenantId") String tenantId, @RestForm String maxConcurrentParticipants,
                           @RestForm String maxRooms, @RestForm String requestsPerSecondPerKey, @RestForm String status) {
        List<String> problems = new ArrayList<>();
        TenantLimitsInput limits = limits(maxConcurrentParticipants, maxRooms, requestsPerSecondPerKey, problems);
        problems.addAll(violations(validator.validate(limits)));
        if (status != null && !status.isEmpty() && !status.equals("active") && !status.equals("disabled")) {
            problems.add("Status must be active or disabled");
        }
        if (!problems.isEmpty()) {
            return tenantPage(null, problems, null, 400);
        }
        tenants.update(session.caller(), tenantId,
                new TenantUpdateRequest(null, status == null || status.isEmpty() ? null : status, limits, null));
        return Response.seeOther(URI.create("/console/admin/tenants?notice=updated-" + tenantId)).build();
    }

    @GET
    @Path("/workers")
    public Response workers(@QueryParam("notice") String notice) {
        Nav nav = session.platformNav("workers");
        return RoomsPage.html(ConsoleTemplates.workers(nav, rooms.workers(session.caller()),
                notice == null ? null : "Worker " + notice + " is draining: it keeps its rooms and takes no new ones.").render());
    }

    @POST
    @Path("/workers/{workerId}/drain")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response drain(@PathParam("workerId") String workerId) {
        rooms.drain(session.caller(), workerId);
        return Response.seeOther(URI.create("/console/admin/workers?notice=" + java.net.URLEncoder.encode(workerId,
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }

    private Response tenantPage(String cursor, List<String> problems, String notice, int status) {
        Nav nav = session.platformNav("tenants");
        Page<Tenant> page = tenants.list(session.caller(), PageRequest.of(cursor, 100));
        String text = notice == null ? null
                : notice.startsWith("created-") ? "Tenant " + notice.substring(8) + " was created."
                : notice.startsWith("updated-") ? "Tenant " + notice.substring(8) + " was updated." : null;
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(ConsoleTemplates.tenants(nav, page.items().stream().map(TenantRow::of).toList(), page.nextCursor(),
                        problems, text).render()).build();
    }

    private static TenantLimitsInput limits(String participants, String rooms, String rate, List<String> problems) {
        return new TenantLimitsInput(number("Max concurrent participants", participants, problems),
                number("Max rooms", rooms, problems), number("Requests per second per key", rate, problems));
    }

    private static Integer number(String label, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(label + ": must be a whole number");
            return null;
        }
    }

    private static <T> List<String> violations(Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
    }
}
