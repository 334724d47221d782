import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The runs as a Markdown table (one column per run) and as JSON. */
final class Report {

    private Report() {
    }

    static String table(List<RunResult> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("SFU", runs, RunResult::target));
        rows.add(row("rooms × publishers × subscribers", runs, r -> r.plan().rooms() + " × " + r.plan().publishers() + " × " + r.plan().subscribers()));
        rows.add(row("measured window, s", runs, r -> f(r.windowSeconds(), 1)));
        rows.add(row("joins failed", runs, r -> String.valueOf(r.failedJoins())));
        rows.add(row("join answered (POST /v1/rtc/join or create), p50 / p99 ms", runs, r -> f(r.joinAnswer().p50(), 0) + " / " + f(r.joinAnswer().p99(), 0)));
        rows.add(row("connected (ICE + DTLS done), p50 / p99 ms", runs, r -> f(r.connected().p50(), 0) + " / " + f(r.connected().p99(), 0)));
        rows.add(row("subscriber's first media, p50 / p99 ms", runs, r -> f(r.firstMedia().p50(), 0) + " / " + f(r.firstMedia().p99(), 0)));
        rows.add(row("all joins took, s", runs, r -> f(r.joinSeconds(), 1)));
        rows.add(row("sent by publishers, packets/s · Mbit/s", runs, r -> f(r.sentPacketsPerSecond(), 0) + " · " + f(r.sentMbits(), 2)));
        rows.add(row("received by subscribers, packets/s · Mbit/s", runs, r -> f(r.receivedPacketsPerSecond(), 0) + " · " + f(r.receivedMbits(), 1)));
        rows.add(row("streams received (video) / silent", runs, r -> r.receivedStreams() + " (" + r.forwardedVideoStreams() + ") / " + r.silentStreams()));
        rows.add(row("loss", runs, r -> f(r.lossPercent(), 3) + " % (" + r.lostPackets() + " of " + r.expectedPackets() + ")"));
        if (runs.stream().anyMatch(r -> !r.lossPercentByRound().isEmpty())) {
            rows.add(row("loss, every round in order, %", runs,
                    r -> r.lossPercentByRound().stream().map(v -> f(v, 3)).collect(java.util.stream.Collectors.joining(" · "))));
        }
        rows.add(row("jitter mean / max, ms", runs, r -> f(r.meanJitterMillis(), 2) + " / " + f(r.maxJitterMillis(), 2)));
        rows.add(row("latency audio p50 / p99, ms", runs, r -> f(r.audioLatencyP50(), 2) + " / " + f(r.audioLatencyP99(), 2)));
        rows.add(row("latency video p50 / p99 / max, ms", runs, r -> f(r.videoLatencyP50(), 2) + " / " + f(r.videoLatencyP99(), 2) + " / " + f(r.maxLatencyMillis(), 1)));
        rows.add(row("worker's own read → last send p50 / p99 / p99.9, µs", runs, r -> r.serverForwardTimes() == null ? "–"
                : f(r.serverForwardTimes().p50Micros(), 1) + " / " + f(r.serverForwardTimes().p99Micros(), 1) + " / "
                + f(r.serverForwardTimes().p999Micros(), 1)));
        rows.add(row("SFU CPU, % of one core", runs, r -> f(r.serverCpuPercent(), 1)));
        rows.add(row("SFU CPU per video stream, % of one core", runs, r -> f(r.serverCpuPercentPerVideoStream(), 3)));
        if (runs.stream().anyMatch(r -> !r.cpuPercentPerVideoStreamByRound().isEmpty())) {
            rows.add(row("SFU CPU per video stream, every round in order (the column is the median round), % of one core", runs,
                    r -> r.cpuPercentPerVideoStreamByRound().stream().map(v -> f(v, 3)).collect(java.util.stream.Collectors.joining(" · "))));
        }
        rows.add(row("SFU CPU per forwarded packet, µs", runs, r -> f(r.serverCpuMicrosPerForwardedPacket(), 2)));
        rows.add(row("SFU CPU by thread: media · JIT compilers · GC · the rest, % of one core", runs, Report::byThread));
        rows.add(row("media thread CPU per forwarded packet, µs", runs, r -> r.serverCpuByThread() == null
                || r.serverCpuByThread().media() == 0 ? "–" : f(r.mediaThreadMicrosPerForwardedPacket(), 2)));
        rows.add(row("SFU resident memory, MiB", runs, r -> f(r.serverRssMiB(), 0)));
        rows.add(row("load tool CPU, % of one core", runs, r -> f(r.toolCpuPercent(), 1)));
        rows.add(row("whole machine CPU, % (200 = both cores)", runs, r -> f(r.machineCpuPercent(), 0)));
        rows.add(row("subscribers' transport-cc feedback · receiver reports sent, per s", runs,
                r -> f(r.feedbackPerSecond(), 0) + " · " + f(r.receiverReportsPerSecond(), 0)));
        rows.add(row("signaling received per subscriber: while everyone joined, bytes · then, frames/s · bytes/s", runs,
                r -> f(r.signalCharsPerSubscriberDuringJoins(), 0) + " · " + f(r.signalFramesPerSubscriberPerSecond(), 2)
                        + " · " + f(r.signalCharsPerSubscriberPerSecond(), 0)));
        rows.add(row("SRTP failures / unknown packets / keyframe requests", runs, r -> r.srtpFailures() + " / " + r.unknownPackets() + " / " + r.keyframeRequests()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            out.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                out.append("|---".repeat(runs.size() + 1)).append("|\n");
            }
        }
        return out.toString();
    }

    /** Our worker's CPU by kind of thread; "–" for a server whose threads are not ours (Janus). */
    private static String byThread(RunResult r) {
        ProcessStats.ThreadCpu t = r.serverCpuByThread();
        if (t == null || t.media() == 0) {
            return "–";
        }
        return f(t.media(), 1) + " · " + f(t.jit(), 1) + " · " + f(t.gc(), 1) + " · " + f(t.rest(), 1);
    }

    /**
     * The workers given with --watch, by role, one row per run: what the origin sent (to its own
     * subscribers and, relayed, to its edges) against what the edges sent their subscribers; then each
     * worker on its own.
     */
    static String workers(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| subscribers | edges relaying | origin CPU, % of one core | origin packets out/s: to subscribers · relayed to edges "
                + "| edges' CPU, % of one core (sum) | edges' packets out/s to subscribers (sum) · relayed in (sum) | loss | latency video p50 / p99, ms |\n");
        out.append("|---".repeat(8)).append("|\n");
        for (RunResult r : runs) {
            List<WatchedWorker.Window> origins = r.workers().stream().filter(w -> w.role().equals("origin")).toList();
            List<WatchedWorker.Window> edges = r.workers().stream().filter(w -> w.role().equals("edge")).toList();
            out.append("| ").append(r.plan().rooms() * r.plan().subscribers())
                    .append(" | ").append(edges.size())
                    .append(" | ").append(f(sum(origins, WatchedWorker.Window::cpuPercent), 1))
                    .append(" | ").append(f(sum(origins, WatchedWorker.Window::rtpPacketsOutPerSecond), 0)).append(" · ")
                    .append(f(sum(origins, WatchedWorker.Window::relayPacketsOutPerSecond), 0))
                    .append(" | ").append(f(sum(edges, WatchedWorker.Window::cpuPercent), 1))
                    .append(" | ").append(f(sum(edges, WatchedWorker.Window::rtpPacketsOutPerSecond), 0)).append(" · ")
                    .append(f(sum(edges, WatchedWorker.Window::relayPacketsInPerSecond), 0))
                    .append(" | ").append(f(r.lossPercent(), 3)).append(" %")
                    .append(" | ").append(f(r.videoLatencyP50(), 2)).append(" / ").append(f(r.videoLatencyP99(), 2))
                    .append(" |\n");
        }
        out.append("\n| subscribers | worker | role | participants at the end | CPU, % of one core | RTP packets out/s | relay packets out/s "
                + "| relay packets in/s | its own read → last send p50 / p99, µs | resident memory, MiB |\n");
        out.append("|---".repeat(10)).append("|\n");
        for (RunResult r : runs) {
            for (WatchedWorker.Window w : r.workers()) {
                out.append("| ").append(r.plan().rooms() * r.plan().subscribers()).append(" | ").append(w.address()).append(" | ").append(w.role())
                        .append(" | ").append(w.participants()).append(" | ").append(f(w.cpuPercent(), 1))
                        .append(" | ").append(f(w.rtpPacketsOutPerSecond(), 0)).append(" | ").append(f(w.relayPacketsOutPerSecond(), 0))
                        .append(" | ").append(f(w.relayPacketsInPerSecond(), 0))
                        .append(" | ").append(w.forwardTimes() == null || w.rtpPacketsOutPerSecond() + w.relayPacketsOutPerSecond() == 0 ? "–"
                                : f(w.forwardTimes().p50Micros(), 1) + " / " + f(w.forwardTimes().p99Micros(), 1))
                        .append(" | ").append(f(w.rssMiB(), 0)).append(" |\n");
            }
        }
        return out.toString();
    }

    private static double sum(List<WatchedWorker.Window> workers, java.util.function.ToDoubleFunction<WatchedWorker.Window> value) {
        return workers.isEmpty() ? Double.NaN : workers.stream().mapToDouble(value).sum();
    }

    static void writeJson(Path file, Object value) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, RoomServiceApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n");
    }

    private static String[] row(String label, List<RunResult> runs, Function<RunResult, String> value) {
        String[] cells = new String[runs.size() + 1];
        cells[0] = label;
        for (int i = 0; i < runs.size(); i++) {
            cells[i + 1] = value.apply(runs.get(i));
        }
        return cells;
    }

    static String f(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
