package io.cpaas.sfu.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The real control plane for the worker's tests: tenant-service and room-service from their build
 * outputs, on the test database and the test Keycloak. The worker under test registers with this
 * room-service, and clients join through it, exactly as in production.
 */
public class ControlPlane implements QuarkusTestResourceLifecycleManager {

    public static final String CLUSTER_SECRET = "test-cluster-secret-not-for-production";
    public static final String WORKER_ID = "worker-under-test";
    /** A test client of the real Keycloak for the console's sign-in, allowed to redirect to any local port. */
    public static final String CONSOLE_CLIENT_ID = "cpaas-console-test";

    private static String tenantUrl;
    private static String roomUrl;
    private static int signalPort;
    private static String publicHost = "127.0.0.1";
    private static ServiceProcess roomService;
    private ServiceProcess tenantService;
    private final Map<String, String> roomServiceSettings;

    public ControlPlane() {
        this(Map.of());
    }

    /** With room-service settings (environment variables) of the test's own on top of the common ones. */
    public ControlPlane(Map<String, String> roomServiceSettings) {
        this.roomServiceSettings = Map.copyOf(roomServiceSettings);
    }

    public static String tenantUrl() {
        return tenantUrl;
    }

    public static String roomUrl() {
        return roomUrl;
    }

    /** Kills room-service as a crash would; the worker under test goes on without it. */
    public static void killRoomService() {
        roomService.kill();
    }

    /** Starts room-service again on the same address and waits until it is ready. */
    public static void startRoomService() {
        roomService.start();
    }

    public static String signalUrl() {
        return "ws://" + publicHost + ":" + signalPort + "/rtc";
    }

    @Override
    public Map<String, String> start() {
        return start("127.0.0.1");
    }

    /**
     * Starts the control plane and configures the worker so that clients reach all of them at
     * {@code host}, an address of this machine (for {@link NetworkNamespaces}: a namespace's host side).
     */
    protected Map<String, String> start(String host) {
        publicHost = host;
        String database = env("CPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/cpaas_test");
        Map<String, String> common = Map.of("CPAAS_DB_URL", database, "CPAAS_DB_USER", "postgres", "CPAAS_DB_PASSWORD", "",
                "CPAAS_KEYCLOAK_URL", Keycloak.URL, "CPAAS_CLUSTER_SECRET", CLUSTER_SECRET);
        // The console of this tenant-service reads the room-service started next: its port is chosen here.
        int roomServicePort = ServiceProcess.freePort();
        Map<String, String> tenant = new HashMap<>(common);
        tenant.put("CPAAS_ROOM_URL", "http://127.0.0.1:" + roomServicePort);
        tenant.put("QUARKUS_OIDC_CONSOLE_CLIENT_ID", CONSOLE_CLIENT_ID);
        tenant.put("QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET", Keycloak.ensureConsoleClient(CONSOLE_CLIENT_ID));
        tenantService = ServiceProcess.start("tenant-service", tenant);
        tenantUrl = tenantService.url(host);
        Map<String, String> room = new HashMap<>(common);
        room.put("CPAAS_TENANT_URL", tenantService.url());
        room.put("CPAAS_POOL_HEARTBEAT_INTERVAL", heartbeatInterval());
        // Five missed beats, not three: with four Chromiums decoding on 2 cores a heartbeat has been
        // seen to take over 3 s, and room-service then closed the calls of a worker that was alive.
        room.put("CPAAS_POOL_MISSED_HEARTBEATS", "5");
        // Small, so that a broadcast's few test viewers spread over its edges (BroadcastFanOutIT).
        room.put("CPAAS_BROADCAST_VIEWERS_PER_EDGE", "2");
        room.put("CPAAS_TURN_SECRETS", env("CPAAS_TEST_TURN_SECRET", "test-turn-secret-0123456789"));
        room.put("CPAAS_TURN_PORT", env("CPAAS_TEST_TURN_PORT", "13478"));
        room.putAll(roomServiceSettings);
        roomService = ServiceProcess.start("room-service", roomServicePort, room);
        roomUrl = roomService.url(host);
        signalPort = ServiceProcess.freePort();
        int udpPort = ServiceProcess.freePort();
        Map<String, String> worker = new HashMap<>();
        worker.put("quarkus.http.test-port", String.valueOf(signalPort));
        worker.put("cpaas.worker.id", WORKER_ID);
        worker.put("cpaas.worker.room-service-url", roomService.url("127.0.0.1"));
        worker.put("cpaas.worker.cluster-secret", CLUSTER_SECRET);
        worker.put("cpaas.worker.signal-url", signalUrl());
        worker.put("cpaas.worker.control-url", "http://127.0.0.1:" + signalPort);
        worker.put("cpaas.worker.udp.port", String.valueOf(udpPort));
        worker.put("cpaas.worker.udp.announced-addresses", host + ":" + udpPort);
        if (!host.equals("127.0.0.1")) {
            worker.put("quarkus.http.host", "0.0.0.0");
            worker.put("cpaas.worker.udp.bind-host", host);
        }
        return worker;
    }

    /** How often the worker under test beats; five missed beats make room-service release its rooms. */
    protected String heartbeatInterval() {
        return "1S";
    }

    @Override
    public void stop() {
        if (roomService != null) {
            roomService.stop();
        }
        if (tenantService != null) {
            tenantService.stop();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
