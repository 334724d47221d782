package io.cpaas.room.session.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.room.security.CurrentCaller;
import io.cpaas.room.session.RoomSession;
import io.cpaas.room.session.service.SessionHistoryService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /v1/rooms/{room}/sessions: the history of a room name, one session per run of the room. */
@Path("/v1/rooms/{room}/sessions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms")
public class RoomSessionResource {

    private final SessionHistoryService history;
    private final CurrentCaller caller;
    private final Clock clock = Clock.systemUTC();

    public RoomSessionResource(SessionHistoryService history, CurrentCaller caller) {
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The room's sessions, newest first, with participant totals (rooms:read)")
    public Page<RoomSessionView> list(@PathParam("room") String room, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") Integer limit) {
        String tenantId = caller.require(Scope.ROOMS_READ).tenantId();
        Page<RoomSession> page = history.roomSessions(tenantId, room, PageRequest.of(cursor, limit));
        return new Page<>(page.items().stream().map(RoomSessionView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{session}")
    @Operation(summary = "One session of the room (rooms:read)")
    public RoomSessionView get(@PathParam("room") String room, @PathParam("session") String session) {
        return RoomSessionView.of(history.roomSession(caller.require(Scope.ROOMS_READ).tenantId(), room, session));
    }

    @GET
    @Path("/{session}/participants")
    @Operation(summary = "Who was in a session of the room, newest first, with what they published and sent (rooms:read)")
    public Page<ParticipantSessionView> participants(@PathParam("room") String room, @PathParam("session") String session,
                                                     @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        String tenantId = caller.require(Scope.ROOMS_READ).tenantId();
        Page<SessionHistoryService.ParticipantWithTracks> page =
                history.participants(tenantId, room, session, PageRequest.of(cursor, limit));
        return new Page<>(page.items().stream().map(row -> ParticipantSessionView.of(row, clock)).toList(), page.nextCursor());
    }
}
