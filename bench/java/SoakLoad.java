import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The soak: token minting (MintLoad's request) and joins with allocation (JoinLoad's, rooms of 4,
 * with simulated workers heartbeating) at fixed rates at the same time, for --windows windows of
 * --window-seconds each, every window one FixedRate run per load. At the end of each window it
 * samples the services (--services=name:pid:port,...) and counts the PostgreSQL checkpoints begun
 * during it (--psql="psql -h 127.0.0.1 -U postgres", the default), and prints a progress line. A warm-up window
 * comes first, not counted; a full GC is forced in each service after the warm-up and after the last
 * window, while no load runs, to read the live heap. Then it ends the rooms, deregisters the workers
 * and writes the report (--markdown=FILE, --json=FILE) with its verdict (SoakReport).
 */
public final class SoakLoad {

    private static final int ROOM_SIZE = 4;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int port = args.integer("port", 8082);
        int mintRate = args.integer("mint-rate", 2500);
        int joinRate = args.integer("join-rate", 200);
        int windows = args.integer("windows", 10);
        int windowSeconds = args.integer("window-seconds", 60);
        int warmup = args.integer("warmup", 30);
        int workerCount = args.integer("workers", 4);
        // Per load: enough that the tool holds no request back while responses take up to half a second;
        // kept open from the warm-up to the last window.
        HttpConn[] mintConnections = FixedRate.connections(port, args.integer("mint-connections", Math.max(32, mintRate / 2)));
        HttpConn[] joinConnections = FixedRate.connections(port, args.integer("join-connections", Math.max(32, joinRate / 2)));
        String requestLog = args.get("request-log", "");
        String basic = "Authorization: Basic "
                + Base64.getEncoder().encodeToString(args.get("key").getBytes(StandardCharsets.UTF_8));
        String run = "soak" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        List<ServiceProbe> probes = probes(args.get("services"));
        PostgresCheckpoints checkpoints = new PostgresCheckpoints(args.get("psql", "psql -h 127.0.0.1 -U postgres"));
        SoakReport report = new SoakReport(windowSeconds, mintRate, joinRate);

        // Every join's room token is minted before any load, so the joins' figures are the joins' own;
        // they live an hour (the default TTL), which bounds a soak to about 50 minutes.
        int joins = joinRate * (warmup + windows * windowSeconds);
        System.out.println("run " + run + ": rooms " + run + "-r*, workers " + run + "-w*; minting " + joins + " room tokens");
        String[] tokens = JoinLoad.mintRoomTokens(port, basic, run, joins, ROOM_SIZE);
        ExecutorService loads = Executors.newFixedThreadPool(2);
        try (SimulatedWorkers workers = new SimulatedWorkers(port, args.get("cluster-secret"), run, workerCount)) {
            Progress progress = new Progress(windows, windowSeconds);
            progress.phase("warm-up: " + warmup + " s at the same rates, not counted");
            runWindow(loads, mintRate, joinRate, warmup, mintConnections, joinConnections, basic, tokens, 0, "w", requestLog, 0);
            Map<String, Long> liveAfterWarmup = liveHeap(probes);
            progress.phase("live heap after the warm-up (full GC): " + mbList(liveAfterWarmup));

            Map<String, ServiceProbe.Sample> previous = sample(probes);
            long previousNanos = System.nanoTime();
            long checkpointsBefore = checkpoints.begun();
            for (int w = 1; w <= windows; w++) {
                int firstJoin = joinRate * (warmup + (w - 1) * windowSeconds);
                Instant began = Instant.now();
                SoakReport.Load[] figures = runWindow(loads, mintRate, joinRate, windowSeconds, mintConnections, joinConnections, basic,
                        tokens, firstJoin, "m" + w + "-", requestLog, w);
                Map<String, ServiceProbe.Sample> samples = sample(probes);
                long now = System.nanoTime();
                Map<String, Double> cpu = new LinkedHashMap<>();
                for (String service : samples.keySet()) {
                    cpu.put(service, 100 * (samples.get(service).cpuSeconds() - previous.get(service).cpuSeconds())
                            / ((now - previousNanos) / 1e9));
                }
                long checkpointsNow = checkpoints.begun();
                long begun = checkpointsBefore < 0 || checkpointsNow < 0 ? -1 : checkpointsNow - checkpointsBefore;
                checkpointsBefore = checkpointsNow;
                SoakReport.Window window = new SoakReport.Window(w, began, figures[0], figures[1], samples, cpu, begun);
                report.add(window);
                progress.window(window);
                previous = samples;
                previousNanos = now;
            }
            Map<String, Long> liveAtEnd = liveHeap(probes);
            progress.phase("live heap at the end (full GC): " + mbList(liveAtEnd));
            liveAfterWarmup.forEach((service, bytes) -> report.liveHeap(service, bytes, liveAtEnd.get(service)));
            if (JoinLoad.endRooms(port, basic, run, joins, ROOM_SIZE) > 0) {
                System.out.println("  (not ended: rooms room-service's reaper had ended already, or never created "
                        + "because their joins were not sent)");
            }
        } finally {
            loads.shutdownNow();
            Stream.of(mintConnections, joinConnections).flatMap(Arrays::stream).forEach(HttpConn::close);
            probes.forEach(ServiceProbe::close);
        }

        String markdown = report.markdown();
        System.out.println();
        System.out.print(markdown);
        if (!args.get("markdown", "").isEmpty()) {
            Files.writeString(Path.of(args.get("markdown")), markdown);
        }
        if (!args.get("json", "").isEmpty()) {
            Files.writeString(Path.of(args.get("json")), report.json());
        }
        System.out.println("RESULT soak steady=" + report.steady() + " failed=" + report.failedRequests()
                + " unsent=" + report.unsentRequests());
    }

    /**
     * Runs both loads for one window at the same time; answers {mint, join}. With a request log
     * directory, writes each request's due time and latency there (window 0 is the warm-up), to
     * line stalls up with what the services recorded at the same moment.
     */
    private static SoakReport.Load[] runWindow(ExecutorService loads, int mintRate, int joinRate, int seconds,
                                               HttpConn[] mintConnections, HttpConn[] joinConnections, String basic, String[] tokens, int firstJoin,
                                               String identityPrefix, String requestLog, int window) throws Exception {
        long startedAtMillis = System.currentTimeMillis() + 50; // FixedRate sends its first request 50 ms after it starts
        Future<FixedRate.Result> mint = loads.submit(() -> FixedRate.run(mintConnections, mintRate, seconds, 201,
                i -> MintLoad.mint("soak-mint", basic, identityPrefix + i)));
        Future<FixedRate.Result> join = loads.submit(() -> FixedRate.run(joinConnections, joinRate, seconds, 200,
                i -> JoinLoad.join(tokens[firstJoin + (int) i])));
        if (!requestLog.isEmpty()) {
            Files.createDirectories(Path.of(requestLog));
            mint.get().writeLog(requestLog + "/mint-w" + window + ".log", mintRate, startedAtMillis);
            join.get().writeLog(requestLog + "/join-w" + window + ".log", joinRate, startedAtMillis);
        }
        return new SoakReport.Load[] {SoakReport.Load.of(mint.get()), SoakReport.Load.of(join.get())};
    }

    /** --services=room-service:PID:PORT,tenant-service:PID:PORT */
    private static List<ServiceProbe> probes(String spec) {
        return Arrays.stream(spec.split(",")).map(s -> s.split(":"))
                .map(p -> new ServiceProbe(p[0], Long.parseLong(p[1]), Integer.parseInt(p[2]))).toList();
    }

    private static Map<String, ServiceProbe.Sample> sample(List<ServiceProbe> probes) throws Exception {
        Map<String, ServiceProbe.Sample> samples = new LinkedHashMap<>();
        for (ServiceProbe probe : probes) {
            samples.put(probe.name, probe.sample());
        }
        return samples;
    }

    private static Map<String, Long> liveHeap(List<ServiceProbe> probes) throws Exception {
        Map<String, Long> live = new LinkedHashMap<>();
        for (ServiceProbe probe : probes) {
            live.put(probe.name, probe.liveHeapAfterFullGc());
        }
        return live;
    }

    private static String mbList(Map<String, Long> bytes) {
        StringBuilder s = new StringBuilder();
        bytes.forEach((name, b) -> s.append(s.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f MB", name, b / 1048576.0)));
        return s.toString();
    }

    /** The terminal's progress: a line per phase and per window, as soon as it is known. */
    private static final class Progress {
        private final int windows;
        private final int windowSeconds;
        private final long start = System.nanoTime();

        Progress(int windows, int windowSeconds) {
            this.windows = windows;
            this.windowSeconds = windowSeconds;
        }

        void phase(String what) {
            System.out.printf(Locale.ROOT, "[%5.0f s] %s%n", elapsed(), what);
        }

        void window(SoakReport.Window w) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "[%5.0f s] window %d/%d (%d s from %s): mint %d/%d sent, %d failed, p99 %.2f ms; join %d/%d sent, %d failed, "
                            + "p99 %.2f ms; %s PostgreSQL checkpoints begun",
                    elapsed(), w.number(), windows, windowSeconds, w.began(), w.mint().sent(), w.mint().planned(), w.mint().failed(),
                    w.mint().p99(), w.join().sent(), w.join().planned(), w.join().failed(), w.join().p99(),
                    w.checkpointsBegun() < 0 ? "?" : Long.toString(w.checkpointsBegun())));
            w.samples().forEach((service, s) -> line.append(String.format(Locale.ROOT,
                    "; %s old gen %d MB, RSS %d MB, %d threads, %d fds", service, s.oldGenAfterGc() >> 20,
                    s.rssBytes() >> 20, s.threads(), s.openFiles())));
            System.out.println(line);
            if (w.mint().firstError() != null) {
                System.out.println("  first mint error: " + w.mint().firstError());
            }
            if (w.join().firstError() != null) {
                System.out.println("  first join error: " + w.join().firstError());
            }
        }

        private double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
