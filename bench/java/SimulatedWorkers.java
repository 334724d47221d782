import java.io.IOException;

/**
 * SFU workers that exist only as rows in room-service's pool: registered through the internal API,
 * kept healthy by a heartbeat every second (room-service wants one every 2 s and gives up after 6 s),
 * deregistered on close, which also releases their rooms and participants.
 */
final class SimulatedWorkers implements AutoCloseable {

    private final HttpConn conn;
    private final String secretHeader;
    private final String[] ids;
    private final Thread heartbeats;
    private volatile boolean closed;

    SimulatedWorkers(int port, String clusterSecret, String prefix, int count) throws IOException {
        this.conn = new HttpConn("127.0.0.1", port);
        this.secretHeader = "X-Cluster-Secret: " + clusterSecret;
        this.ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = prefix + "-w" + (i + 1);
            register(ids[i]);
        }
        heartbeats = new Thread(this::beat, "heartbeats");
        heartbeats.setDaemon(true);
        heartbeats.start();
        // Killed or interrupted (Ctrl-C, a timeout): still take the workers out of the pool.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "deregister"));
    }

    private synchronized void register(String id) throws IOException {
        String body = "{\"id\":\"" + id + "\",\"region\":\"eu\",\"signalUrl\":\"ws://127.0.0.1:9/x\","
                + "\"udpAddress\":\"127.0.0.1:7882\",\"capacity\":{\"participants\":100000,\"tracks\":100000}}";
        expect(200, conn.send(HttpConn.request("POST", "/internal/v1/workers", body, secretHeader,
                "Content-Type: application/json")), "register " + id);
    }

    private void beat() {
        // CPU 0 and a large capacity make them the best-scored workers, so that the bench's rooms are
        // placed on them and not on real SFU workers that up.sh may have registered.
        String load = "{\"cpu\":0,\"participants\":0,\"tracksIn\":0,\"tracksOut\":0,\"bitrateBps\":0}";
        while (!closed) {
            for (String id : ids) {
                try {
                    HttpConn.Response answer;
                    synchronized (this) {
                        answer = conn.send(HttpConn.request("POST", "/internal/v1/workers/" + id + "/heartbeat", load,
                                secretHeader, "Content-Type: application/json"));
                    }
                    if (answer.status() == 404 && !closed) {
                        System.err.println("worker " + id + " was declared gone or unhealthy; registering again");
                        register(id);
                    }
                } catch (IOException e) {
                    System.err.println("heartbeat of " + id + " failed: " + e);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeats.interrupt();
        for (String id : ids) {
            try {
                expect(204, conn.send(HttpConn.request("DELETE", "/internal/v1/workers/" + id, null, secretHeader)),
                        "deregister " + id);
            } catch (IOException e) {
                System.err.println("deregistering " + id + " failed: " + e);
            }
        }
        conn.close();
    }

    private static void expect(int status, HttpConn.Response answer, String what) throws IOException {
        if (answer.status() != status) {
            throw new IOException(what + ": " + answer.status() + " " + answer.text());
        }
    }
}
