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
        rows.add(row("jitter mean / max, ms", runs, r -> f(r.meanJitterMillis(), 2) + " / " + f(r.maxJitterMillis(), 2)));
        rows.add(row("latency audio p50 / p99, ms", runs, r -> f(r.audioLatencyP50(), 2) + " / " + f(r.audioLatencyP99(), 2)));
        rows.add(row("latency video p50 / p99 / max, ms", runs, r -> f(r.videoLatencyP50(), 2) + " / " + f(r.videoLatencyP99(), 2) + " / " + f(r.maxLatencyMillis(), 1)));
        rows.add(row("worker's own read → last send p50 / p99 / p99.9, µs", runs, r -> r.serverForwardTimes() == null ? "–"
                : f(r.serverForwardTimes().p50Micros(), 1) + " / " + f(r.serverForwardTimes().p99Micros(), 1) + " / "
                + f(r.serverForwardTimes().p999Micros(), 1)));
        rows.add(row("SFU CPU, % of one core", runs, r -> f(r.serverCpuPercent(), 1)));
        rows.add(row("SFU CPU per video stream, % of one core", runs, r -> f(r.serverCpuPercentPerVideoStream(), 3)));
        rows.add(row("SFU CPU per forwarded packet, µs", runs, r -> f(r.serverCpuMicrosPerForwardedPacket(), 2)));
        rows.add(row("SFU resident memory, MiB", runs, r -> f(r.serverRssMiB(), 0)));
        rows.add(row("load tool CPU, % of one core", runs, r -> f(r.toolCpuPercent(), 1)));
        rows.add(row("whole machine CPU, % (200 = both cores)", runs, r -> f(r.machineCpuPercent(), 0)));
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
