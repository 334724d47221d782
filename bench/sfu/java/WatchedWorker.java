import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One of our workers whose own counters a run reads at the start and the end of its measured window
 * (--watch=PID@METRICS_URL): its CPU from /proc, its RTP and relay packets and its own read-to-last-send
 * times from /q/metrics. For loads
 * that span several workers, such as a broadcast's origin and its edges, where the subscribers' view
 * alone cannot say which worker sent what.
 */
final class WatchedWorker {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final long pid;
    private final String metricsUrl;

    WatchedWorker(long pid, String metricsUrl) {
        this.pid = pid;
        this.metricsUrl = metricsUrl;
    }

    /** "PID@URL,PID@URL": the --watch option. */
    static List<WatchedWorker> parse(String option) {
        List<WatchedWorker> workers = new ArrayList<>();
        for (String item : option.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int at = item.indexOf('@');
            if (at < 1) {
                throw new IllegalArgumentException("--watch takes PID@METRICS_URL[,PID@METRICS_URL...], got " + item);
            }
            workers.add(new WatchedWorker(Long.parseLong(item.substring(0, at).trim()), item.substring(at + 1).trim()));
        }
        return workers;
    }

    /** The worker's counters now; NaN for what could not be read. */
    Sample sample() {
        String metrics = "";
        try {
            metrics = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            System.err.println("could not read " + metricsUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Sample(System.nanoTime(), ProcessStats.cpuSeconds(pid),
                value(metrics, "cpaas_worker_rtp_packets_out_total"), value(metrics, "cpaas_worker_relay_packets_out_total"),
                value(metrics, "cpaas_worker_relay_packets_in_total"), value(metrics, "cpaas_worker_participants"),
                value(metrics, "cpaas_worker_relay_links{role=\"origin\"}"), value(metrics, "cpaas_worker_relay_links{role=\"edge\"}"));
    }

    /** What the worker did between two samples. */
    Window window(Sample start, Sample end) {
        double seconds = (end.nanos - start.nanos) / 1e9;
        String role = end.originLinks > 0 ? "origin" : end.edgeLinks > 0 ? "edge" : "–";
        return new Window(metricsUrl.replaceFirst("^https?://", "").replaceFirst("/.*$", ""), pid, role, (int) end.participants,
                100 * (end.cpuSeconds - start.cpuSeconds) / seconds, (end.rtpPacketsOut - start.rtpPacketsOut) / seconds,
                (end.relayPacketsOut - start.relayPacketsOut) / seconds, (end.relayPacketsIn - start.relayPacketsIn) / seconds,
                ProcessStats.residentMiB(pid), WorkerForwardTimes.read(metricsUrl));
    }

    /** A Prometheus sample's value by its name and labels as printed; NaN when absent. */
    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                try {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    record Sample(long nanos, double cpuSeconds, double rtpPacketsOut, double relayPacketsOut, double relayPacketsIn,
                  double participants, double originLinks, double edgeLinks) {
    }

    /**
     * @param role         origin (relays a room to edges), edge (relays from an origin) or – (neither)
     * @param participants the worker's participants at the end
     * @param forwardTimes its read of a packet (a host's, or a relayed one on an edge) to the send to the last
     *                     subscriber or edge; null when unreadable
     */
    record Window(String address, long pid, String role, int participants, double cpuPercent, double rtpPacketsOutPerSecond,
                  double relayPacketsOutPerSecond, double relayPacketsInPerSecond, double rssMiB, WorkerForwardTimes forwardTimes) {
    }
}
