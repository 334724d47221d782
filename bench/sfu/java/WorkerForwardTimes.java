import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's own measure of the latency it adds: its `cpaas_worker_forward_seconds` timer (from reading a
 * publisher's packet, decrypted, to sending it to the last subscriber), median, p99 and p99.9 over its last
 * ~30 s, read from /q/metrics at the end of the window. Unlike the end-to-end latency the subscribers measure,
 * it leaves out the load tool's own scheduling and the kernel's loopback; it also leaves out the time a packet
 * waited in the worker's socket queue.
 */
record WorkerForwardTimes(double p50Micros, double p99Micros, double p999Micros) {

    private static final Pattern QUANTILE = Pattern.compile("^cpaas_worker_forward_seconds\\{[^}]*quantile=\"([0-9.]+)\"[^}]*} ([0-9.eE+-]+|NaN)$");

    /** Null when the metrics cannot be read or the timer is not there (another SFU, an older worker). */
    static WorkerForwardTimes read(String metricsUrl) {
        if (metricsUrl == null || metricsUrl.isEmpty()) {
            return null;
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            String body = client.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            double p999 = Double.NaN;
            for (String line : body.split("\n")) {
                Matcher m = QUANTILE.matcher(line.strip());
                if (!m.matches()) {
                    continue;
                }
                double micros = Double.parseDouble(m.group(2)) * 1e6;
                switch (m.group(1)) {
                    case "0.5" -> p50 = micros;
                    case "0.99" -> p99 = micros;
                    case "0.999" -> p999 = micros;
                    default -> { }
                }
            }
            return Double.isNaN(p99) ? null : new WorkerForwardTimes(p50, p99, p999);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("could not read the worker's forwarding times from " + metricsUrl + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
