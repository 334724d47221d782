package io.cpaas.tenant.console.service;

import static io.cpaas.tenant.console.service.RoomServiceClient.query;
import static io.cpaas.tenant.console.service.RoomServiceClient.segment;

import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.security.Caller;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * What the console shows of room-service's data: every call first checks, through
 * {@link TenantService#get}, that the caller may see the tenant (404 otherwise), then asks
 * room-service for that tenant's data only.
 */
@ApplicationScoped
public class ConsoleRooms {

    private final TenantService tenants;
    private final RoomServiceClient roomService;

    public ConsoleRooms(TenantService tenants, RoomServiceClient roomService) {
        this.tenants = tenants;
        this.roomService = roomService;
    }

    public RoomData.Usage usage(Caller caller, String tenantId, String from, String to, String granularity) {
        return roomService.get(base(caller, tenantId) + "/usage", query("from", from, "to", to, "granularity", granularity),
                RoomData.Usage.class);
    }

    public RoomData.LiveRooms liveRooms(Caller caller, String tenantId) {
        return roomService.get(base(caller, tenantId) + "/rooms", Map.of(), RoomData.LiveRooms.class);
    }

    public RoomData.RoomDetail room(Caller caller, String tenantId, String room) {
        return roomService.get(base(caller, tenantId) + "/rooms/" + segment(room), Map.of(), RoomData.RoomDetail.class);
    }

    public RoomData.Deliveries deliveries(Caller caller, String tenantId, String state, String cursor) {
        return roomService.get(base(caller, tenantId) + "/webhooks/deliveries", query("state", state, "cursor", cursor, "limit", "50"),
                RoomData.Deliveries.class);
    }

    public RoomData.Delivery delivery(Caller caller, String tenantId, String id) {
        return roomService.get(base(caller, tenantId) + "/webhooks/deliveries/" + segment(id), Map.of(), RoomData.Delivery.class);
    }

    /**
     * Queues a test event; only those who manage the tenant's webhooks may. The tenant is looked up
     * first, so that another tenant's webhooks are not found (404) rather than forbidden.
     */
    public RoomData.Queued sendTestEvent(Caller caller, String tenantId) {
        String base = base(caller, tenantId);
        requireManager(caller, tenantId);
        return roomService.post(base + "/webhooks/test", RoomData.Queued.class);
    }

    public RoomData.Workers workers(Caller caller) {
        requirePlatformAdmin(caller);
        return roomService.get("/internal/v1/console/workers", Map.of(), RoomData.Workers.class);
    }

    public void drain(Caller caller, String workerId) {
        requirePlatformAdmin(caller);
        roomService.post("/internal/v1/console/workers/" + segment(workerId) + "/drain", Void.class);
    }

    private String base(Caller caller, String tenantId) {
        Tenant tenant = tenants.get(caller, tenantId);
        return "/internal/v1/console/tenants/" + segment(tenant.id());
    }

    private static void requireManager(Caller caller, String tenantId) {
        if (!caller.canManage(tenantId)) {
            throw ProblemException.forbidden("Only tenant admins manage webhooks");
        }
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.forbidden("Only platform admins see the worker pool");
        }
    }
}
