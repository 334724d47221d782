import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads the memory, threads, open files and CPU of one service process on this machine: /proc/PID
 * for what the kernel sees, the service's Micrometer page (/q/metrics) for what the JVM sees. It
 * only reads, except {@link #liveHeapAfterFullGc}, which forces a full collection with jcmd.
 */
final class ServiceProbe {

    /** Clock ticks per second of /proc/PID/stat: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * One reading. {@code oldGenAfterGc}: the long-lived (old) pool's occupancy right after the last
     * collection of any kind, from Micrometer's jvm_memory_usage_after_gc; {@code heapCommitted}: the
     * heap the JVM has taken from the OS; {@code cpuSeconds}: user + system time so far.
     */
    record Sample(long rssBytes, int threads, int openFiles, long oldGenAfterGc, long heapCommitted, double cpuSeconds) {
    }

    final String name;
    private final long pid;
    private final HttpConn metrics;

    ServiceProbe(String name, long pid, int port) {
        this.name = name;
        this.pid = pid;
        this.metrics = new HttpConn("127.0.0.1", port);
    }

    Sample sample() throws IOException {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        String[] fds = new File("/proc/" + pid + "/fd").list();
        if (fds == null) {
            throw new IOException(name + " (pid " + pid + ") is gone");
        }
        String page = metricsPage();
        long oldGenAfterGc = Math.round(metric(page, "jvm_memory_usage_after_gc{area=\"heap\",pool=\"long-lived\"}")
                * metric(page, "jvm_gc_max_data_size_bytes"));
        return new Sample(statusField(status, "VmRSS:") * 1024, (int) statusField(status, "Threads:"), fds.length,
                oldGenAfterGc, Math.round(sumOf(page, "jvm_memory_committed_bytes{area=\"heap\"")), cpuSeconds());
    }

    /**
     * The live heap: the heap in use right after a full, stop-the-world collection that jcmd asks
     * the process for (System.gc). The only exact figure; the caller does it while no load runs.
     */
    long liveHeapAfterFullGc() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run did not finish in 60 s");
        }
        if (jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed: " + new String(jcmd.getInputStream().readAllBytes()));
        }
        return Math.round(sumOf(metricsPage(), "jvm_memory_used_bytes{area=\"heap\""));
    }

    private String metricsPage() throws IOException {
        HttpConn.Response answer = metrics.send(HttpConn.request("GET", "/q/metrics", null));
        if (answer.status() != 200) {
            throw new IOException(name + " /q/metrics: " + answer.status());
        }
        return answer.text();
    }

    private double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // After the ")" that ends the command name, utime and stime are the 12th and 13th fields.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    private static long statusField(String status, String field) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/PID/status");
    }

    /** The value of the one Prometheus line that starts with {@code series} followed by a space. */
    private double metric(String page, String series) throws IOException {
        for (String line : page.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new IOException(name + " /q/metrics has no " + series);
    }

    /** The sum of every Prometheus line whose series starts with {@code prefix} (all heap pools, say). */
    private double sumOf(String page, String prefix) throws IOException {
        double sum = 0;
        int lines = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                lines++;
            }
        }
        if (lines == 0) {
            throw new IOException(name + " /q/metrics has no " + prefix + "...");
        }
        return sum;
    }

    void close() {
        metrics.close();
    }
}
