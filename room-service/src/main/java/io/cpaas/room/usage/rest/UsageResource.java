package io.cpaas.room.usage.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.room.security.CurrentCaller;
import io.cpaas.room.usage.service.UsageService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/usage: what a tenant used, per hour or day. */
@Path("/v1/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

    private final UsageService usage;
    private final CurrentCaller caller;

    public UsageResource(UsageService usage, CurrentCaller caller) {
        this.usage = usage;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Usage per hour or day, UTC, with totals (usage:read)",
            description = "Participant-minutes, room-minutes, peak concurrent participants, bytes in/out and TURN credentials "
                    + "issued. The range is widened to whole buckets; sessions still open count up to now.")
    public UsageView get(@Parameter(description = "Start (ISO-8601 instant or date); default: 1 day (hour) or 30 days (day) before 'to'")
                         @QueryParam("from") String from,
                         @Parameter(description = "End, exclusive (ISO-8601 instant or date); default: now") @QueryParam("to") String to,
                         @Parameter(description = "hour or day (default)") @QueryParam("granularity") String granularity) {
        String tenantId = caller.require(Scope.USAGE_READ).tenantId();
        return UsageView.of(usage.report(tenantId, from, to, granularity));
    }
}
