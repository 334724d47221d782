import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed-rate POST /v1/rtc/join. All room tokens are minted before the timed phase so that only
 * joins are measured. Join i goes to room i / --room-size, so with rooms of 4 one join in four
 * creates a room and allocates a worker and three join a placed room; --room-size=1 makes every
 * join allocate. With --workers=N it registers N simulated workers and heartbeats them meanwhile.
 * Afterwards it ends the rooms it created (unless --end-rooms=false) and deregisters the workers.
 * --latency-log=FILE writes every timed join's due time and latency.
 */
public final class JoinLoad {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int port = args.integer("port", 8082);
        int rate = args.integer("rate", 200);
        int seconds = args.integer("seconds", 30);
        int warmup = args.integer("warmup", 5);
        int roomSize = args.integer("room-size", 4);
        int workerCount = args.integer("workers", 0);
        int connections = args.integer("connections", 32);
        String run = args.get("run", "bj" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36));
        String basic = "Authorization: Basic "
                + Base64.getEncoder().encodeToString(args.get("key").getBytes(StandardCharsets.UTF_8));
        int total = rate * (warmup + seconds);

        System.out.println("run " + run + ": rooms " + run + "-r*, workers " + run + "-w*");
        SimulatedWorkers workers = workerCount > 0
                ? new SimulatedWorkers(port, args.get("cluster-secret"), run, workerCount) : null;
        try {
            String[] tokens = mintRoomTokens(port, basic, run, total, roomSize);

            int offset = rate * warmup;
            if (warmup > 0) {
                System.out.println(FixedRate.run(port, rate, warmup, connections, 200, i -> join(tokens[(int) i]))
                        .line("join-warmup"));
            }
            CpuClock cpu = CpuClock.start();
            FixedRate.Result result = FixedRate.run(port, rate, seconds, connections, 200,
                    i -> join(tokens[offset + (int) i]));
            System.out.println(result.line("join") + " loadgen_cpu=" + cpu.percentOfOneCore());
            if (!args.get("latency-log", "").isEmpty()) {
                result.writeLog(args.get("latency-log"), rate, 0);
            }
            if (result.firstError() != null) {
                System.out.println("first error: " + result.firstError());
            }

            if (!args.get("end-rooms", "true").equals("false")) {
                endRooms(port, basic, run, total, roomSize);
            }
        } finally {
            if (workers != null) {
                workers.close();
            }
        }
    }

    /**
     * Mints the room token of joins 0..count-1 (join i in room i / roomSize, identity u<i>) as fast as
     * 4 connections go; fails unless every one was minted.
     */
    static String[] mintRoomTokens(int port, String basic, String run, int count, int roomSize)
            throws InterruptedException {
        long mintStart = System.nanoTime();
        String[] tokens = new String[count];
        int failedMints = forEach(port, count, basic, (conn, i) -> {
            String body = "{\"identity\":\"u" + i + "\"}";
            HttpConn.Response r = conn.send(HttpConn.request("POST", "/v1/rooms/" + room(run, i, roomSize) + "/tokens",
                    body, basic, "Content-Type: application/json"));
            Matcher m = TOKEN.matcher(r.text());
            if (r.status() != 201 || !m.find()) {
                return false;
            }
            tokens[i] = m.group(1);
            return true;
        });
        System.out.printf("minted %d tokens in %.1f s (%d failed)%n", count, (System.nanoTime() - mintStart) / 1e9,
                failedMints);
        if (failedMints > 0) {
            throw new IllegalStateException("could not mint every room token");
        }
        return tokens;
    }

    /** Ends the rooms of joins 0..joins-1 (DELETE /v1/rooms/{room}); answers how many were not ended. */
    static int endRooms(int port, String basic, String run, int joins, int roomSize) throws InterruptedException {
        int rooms = (joins + roomSize - 1) / roomSize;
        int notEnded = forEach(port, rooms, basic, (conn, r) -> conn.send(HttpConn.request("DELETE",
                "/v1/rooms/" + room(run, r * roomSize, roomSize), null, basic)).status() == 204);
        System.out.printf("ended %d rooms (%d not ended)%n", rooms - notEnded, notEnded);
        return notEnded;
    }

    private static String room(String run, int join, int roomSize) {
        return run + "-r" + (join / roomSize);
    }

    static byte[] join(String token) {
        return HttpConn.request("POST", "/v1/rtc/join", null, "Authorization: Bearer " + token);
    }

    /** A step of the set-up or clean-up, done for items 0..count-1 as fast as 4 connections go. */
    interface Step {
        boolean run(HttpConn conn, int item) throws Exception;
    }

    /** Runs the step for every item; answers how many failed. Bounded: gives up after 5 minutes. */
    private static int forEach(int port, int count, String basic, Step step) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + 300_000_000_000L;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try (HttpConn conn = new HttpConn("127.0.0.1", port)) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            if (System.nanoTime() > deadline || !step.run(conn, i)) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            conn.close();
                        }
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return failed.get();
    }
}
