package io.cpaas.room.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One address in front of several HTTP backends, as a TCP load balancer is: each connection goes to
 * the next backend in turn, or the one after it when connecting fails (a dead instance refuses at
 * once). It counts the requests each backend got by their first line, so a test can see who
 * answered what (a connection carries one request here: RestAssured opens one per request).
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    /** A connection idle this long is closed, as balancers do (clients here never close theirs). */
    private static final int IDLE_TIMEOUT_MILLIS = 10_000;

    private final List<Integer> backendPorts;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "round-robin-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong refusedConnects = new AtomicLong();

    public RoundRobinProxy(List<Integer> backendPorts) throws IOException {
        this.backendPorts = List.copyOf(backendPorts);
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests that backend {@code index} got whose first line ("POST /v1/rtc/join") matches. */
    public long requests(int index, Predicate<String> line) {
        String prefix = index + " ";
        return requests.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && line.test(e.getKey().substring(prefix.length())))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** Connections a backend refused (it was down), each then tried on the next backend. */
    public long refusedConnects() {
        return refusedConnects.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> forward(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) {
        int first = Math.floorMod(next.getAndIncrement(), backendPorts.size());
        for (int i = 0; i < backendPorts.size(); i++) {
            int index = (first + i) % backendPorts.size();
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPorts.get(index)), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException down) {
                refusedConnects.incrementAndGet();
                closeQuietly(backend);
                continue;
            }
            threads.execute(() -> pump(backend, client, null));
            pump(client, backend, index);
            return;
        }
        closeQuietly(client); // no backend is up: the caller sees a closed connection, as behind a real balancer
    }

    /** Copies until either side ends, then closes both; counts the request line when {@code backend} is given. */
    private void pump(Socket from, Socket to, Integer backend) {
        byte[] buffer = new byte[16 * 1024];
        try {
            from.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        } catch (IOException closed) {
            closeQuietly(to);
            return;
        }
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            boolean firstChunk = true;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (firstChunk && backend != null) {
                    count(backend, buffer, n);
                    firstChunk = false;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed or was killed: the other learns it by the close below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void count(int backend, byte[] buffer, int length) {
        String head = new String(buffer, 0, Math.min(length, 200), StandardCharsets.ISO_8859_1);
        int end = head.indexOf(' ', head.indexOf(' ') + 1);
        String line = end > 0 ? head.substring(0, end) : head;
        requests.computeIfAbsent(backend + " " + line, k -> new AtomicLong()).incrementAndGet();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
