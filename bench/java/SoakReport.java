import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What a soak measured, window by window, and the verdict computed from it: the load's latencies
 * and failures and each service's memory, threads and open files, as a markdown table and as JSON.
 * The verdict compares latencies and threads by halves (the later half's median window against the
 * earlier half's, from the second window: the first still has the JIT and the connection pools
 * settling), memory and open files of the last window with the second (with only two windows, with
 * the first), and the live heap after the warm-up with the live heap at the end.
 */
final class SoakReport {

    /** Tolerances of the verdict; stated in the report next to each check. */
    static final double LATENCY_FACTOR = 2.0;
    static final double LATENCY_SLACK_MS = 5.0;
    static final long LIVE_HEAP_GROWTH_MB = 32;
    static final long RSS_BEYOND_HEAP_MB = 32;
    static final int THREAD_GROWTH = 16;
    static final int OPEN_FILE_GROWTH = 20;

    /**
     * One load's figures in one window; latencies in ms. {@code planned - sent} requests were still
     * due when FixedRate's time bound stopped the window: the load was not delivered at its rate.
     */
    record Load(long planned, long sent, long failed, long heldBack, double p50, double p99, double max, String firstError) {

        static Load of(FixedRate.Result result) {
            long[] sorted = Arrays.stream(result.latencies()).filter(l -> l >= 0).sorted().toArray();
            return new Load(result.latencies().length, result.sent(), result.errors(), result.heldBack(),
                    result.percentile(sorted, 50) / 1e6,
                    result.percentile(sorted, 99) / 1e6, sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    result.firstError());
        }
    }

    /**
     * One window: when it began, both loads, every service's sample at its end with its CPU over the
     * window, and the PostgreSQL checkpoints begun during it (-1: not known).
     */
    record Window(int number, Instant began, Load mint, Load join, Map<String, ServiceProbe.Sample> samples,
                  Map<String, Double> cpuPercent, long checkpointsBegun) {
    }

    /** One line of the verdict. */
    record Check(String what, String baseline, String last, String tolerance, boolean ok) {
    }

    private final int windowSeconds;
    private final int mintRate;
    private final int joinRate;
    private final List<Window> windows = new ArrayList<>();
    private final Map<String, long[]> liveHeap = new LinkedHashMap<>();

    SoakReport(int windowSeconds, int mintRate, int joinRate) {
        this.windowSeconds = windowSeconds;
        this.mintRate = mintRate;
        this.joinRate = joinRate;
    }

    void add(Window window) {
        windows.add(window);
    }

    /** The live heap of a service after the warm-up and after the last window, in bytes. */
    void liveHeap(String service, long afterWarmup, long atEnd) {
        liveHeap.put(service, new long[] {afterWarmup, atEnd});
    }

    long failedRequests() {
        return windows.stream().mapToLong(w -> w.mint.failed + w.join.failed).sum();
    }

    long unsentRequests() {
        return windows.stream().mapToLong(w -> w.mint.planned - w.mint.sent + w.join.planned - w.join.sent).sum();
    }

    /** The window the last is compared with: the second, or the first when there are only two. */
    private int baseline() {
        return windows.size() >= 3 ? 2 : 1;
    }

    /** The checks: latency by halves, the rest the last window against the baseline; empty with fewer than two windows. */
    List<Check> verdict() {
        List<Check> checks = new ArrayList<>();
        if (windows.size() < 2) {
            return checks;
        }
        Window before = windows.get(baseline() - 1);
        Window last = windows.get(windows.size() - 1);
        checks.add(new Check("failed requests, all windows", "", Long.toString(failedRequests()), "0",
                failedRequests() == 0));
        checks.add(new Check("requests not sent before the window's time bound, all windows", "",
                Long.toString(unsentRequests()), "0", unsentRequests() == 0));
        // Latency by halves: one window's p99 is its few slowest requests, which one stall of the shared
        // machine sets; a trend (bloat, a leak, queues that grow) moves the median window of a half.
        int from = baseline() - 1;
        int mid = from + (windows.size() - from) / 2;
        List<Window> earlier = windows.subList(from, mid);
        List<Window> later = windows.subList(mid, windows.size());
        checks.add(latency("mint p50", earlier, later, w -> w.mint.p50));
        checks.add(latency("mint p99", earlier, later, w -> w.mint.p99));
        checks.add(latency("join p50", earlier, later, w -> w.join.p50));
        checks.add(latency("join p99", earlier, later, w -> w.join.p99));
        liveHeap.forEach((service, bytes) -> checks.add(new Check(service + " live heap (full GC)",
                mb(bytes[0]) + " MB after warm-up", mb(bytes[1]) + " MB at the end",
                "growth ≤ " + LIVE_HEAP_GROWTH_MB + " MB", bytes[1] - bytes[0] <= LIVE_HEAP_GROWTH_MB << 20)));
        for (String service : last.samples.keySet()) {
            ServiceProbe.Sample a = before.samples.get(service);
            ServiceProbe.Sample b = last.samples.get(service);
            // G1 may still grow the heap up to -Xmx, and RSS with it (only the pages it touches): that
            // much growth is the heap's; more than that is memory outside the heap.
            long allowed = Math.max(0, b.heapCommitted() - a.heapCommitted()) + (RSS_BEYOND_HEAP_MB << 20);
            checks.add(new Check(service + " RSS", rss(a), rss(b),
                    "growth ≤ heap committed growth + " + RSS_BEYOND_HEAP_MB + " MB = " + mb(allowed) + " MB",
                    b.rssBytes() - a.rssBytes() <= allowed));
            // The request thread pool grows and shrinks with the requests in flight at the moment of the
            // sample (50-180 threads over one run with 300 connections): a leak moves the median window.
            double threadsBefore = median(earlier, w -> w.samples.get(service).threads());
            double threadsAfter = median(later, w -> w.samples.get(service).threads());
            checks.add(new Check(service + " threads, median window",
                    String.format(Locale.ROOT, "%.1f (%s)", threadsBefore, span(earlier)),
                    String.format(Locale.ROOT, "%.1f (%s)", threadsAfter, span(later)), "growth ≤ " + THREAD_GROWTH,
                    threadsAfter - threadsBefore <= THREAD_GROWTH));
            checks.add(new Check(service + " open files", Integer.toString(a.openFiles()), Integer.toString(b.openFiles()),
                    "growth ≤ " + OPEN_FILE_GROWTH, b.openFiles() - a.openFiles() <= OPEN_FILE_GROWTH));
        }
        return checks;
    }

    boolean steady() {
        List<Check> checks = verdict();
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    /** The later half's median window against the earlier half's. */
    private static Check latency(String what, List<Window> earlier, List<Window> later, ToDoubleFunction<Window> figure) {
        double before = median(earlier, figure);
        double after = median(later, figure);
        double limit = Math.max(LATENCY_FACTOR * before, before + LATENCY_SLACK_MS);
        return new Check(what + ", median window", fmt(before) + " ms (" + span(earlier) + ")", fmt(after) + " ms (" + span(later) + ")",
                "≤ max(" + fmt(LATENCY_FACTOR) + " × before, before + " + fmt(LATENCY_SLACK_MS) + " ms) = " + fmt(limit) + " ms",
                after <= limit);
    }

    private static double median(List<Window> some, ToDoubleFunction<Window> figure) {
        double[] values = some.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String span(List<Window> some) {
        int first = some.get(0).number;
        int last = some.get(some.size() - 1).number;
        return first == last ? "window " + first : "windows " + first + "–" + last;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Minting at %d/s and joins at %d/s at the same time, windows of %d s, open loop "
                + "(latency from each request's due time). Latencies in ms. Held: requests sent over 10 ms late because all of "
                + "the tool's connections were busy (their wait is in their latency).%n%n", mintRate, joinRate, windowSeconds));
        md.append("| window | began (UTC) | mint sent / ok / failed / held | mint p50 / p99 / max | join sent / ok / failed / held "
                + "| join p50 / p99 / max | PostgreSQL checkpoints begun |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Window w : windows) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n", w.number,
                    DateTimeFormatter.ISO_LOCAL_TIME.format(
                            w.began.atOffset(ZoneOffset.UTC).toLocalTime().withNano(0)),
                    counts(w.mint), latencies(w.mint), counts(w.join), latencies(w.join),
                    w.checkpointsBegun < 0 ? "?" : Long.toString(w.checkpointsBegun)));
        }
        List<String> services = windows.isEmpty() ? List.of() : List.copyOf(windows.get(0).samples.keySet());
        md.append("\nAt the end of each window: old generation in use right after the last GC (MB), heap committed (MB), RSS (MB), "
                + "threads, open file descriptors, CPU over the window (% of one core).\n\n| window |");
        for (String service : services) {
            md.append(' ').append(service).append(" old gen after GC / heap committed / RSS | threads / fds / CPU |");
        }
        md.append("\n|---|").append("---|---|".repeat(services.size())).append('\n');
        for (Window w : windows) {
            md.append("| ").append(w.number).append(" |");
            for (String service : services) {
                ServiceProbe.Sample s = w.samples.get(service);
                md.append(String.format(Locale.ROOT, " %d / %d / %d | %d / %d / %.0f %% |", mb(s.oldGenAfterGc()),
                        mb(s.heapCommitted()), mb(s.rssBytes()), s.threads(), s.openFiles(), w.cpuPercent.get(service)));
            }
            md.append('\n');
        }
        if (!liveHeap.isEmpty()) {
            md.append("\nLive heap, in use right after a full GC forced with `jcmd PID GC.run` while no load ran: ");
            List<String> parts = new ArrayList<>();
            liveHeap.forEach((service, bytes) -> parts.add(String.format(Locale.ROOT,
                    "%s %.1f MB after the warm-up, %.1f MB after the last window", service, bytes[0] / 1048576.0,
                    bytes[1] / 1048576.0)));
            md.append(String.join("; ", parts)).append(".\n");
        }
        List<Check> checks = verdict();
        if (checks.isEmpty()) {
            md.append("\nVerdict: none (fewer than two windows).\n");
            return md.toString();
        }
        md.append("\n| verdict: latency and threads by halves, the rest window ").append(windows.size()).append(" against window ").append(baseline())
                .append(" | before | after | tolerance | |\n");
        md.append("|---|---|---|---|---|\n");
        for (Check c : checks) {
            md.append(String.format("| %s | %s | %s | %s | %s |%n", c.what, c.baseline, c.last, c.tolerance,
                    c.ok ? "ok" : "**not steady**"));
        }
        md.append("\n**Verdict: ").append(steady() ? "steady" : "NOT steady").append("**\n");
        return md.toString();
    }

    String json() {
        StringBuilder js = new StringBuilder();
        js.append(String.format(Locale.ROOT, "{\"windowSeconds\":%d,\"mintRate\":%d,\"joinRate\":%d,\"baselineWindow\":%d,\"windows\":[",
                windowSeconds, mintRate, joinRate, baseline()));
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            js.append(i == 0 ? "" : ",").append("{\"window\":").append(w.number)
                    .append(",\"began\":\"").append(w.began).append("\",\"checkpointsBegun\":").append(w.checkpointsBegun)
                    .append(",\"mint\":").append(json(w.mint)).append(",\"join\":").append(json(w.join)).append(",\"services\":{");
            int n = 0;
            for (Map.Entry<String, ServiceProbe.Sample> e : w.samples.entrySet()) {
                ServiceProbe.Sample s = e.getValue();
                js.append(n++ == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "\"%s\":{\"oldGenAfterGcBytes\":%d,\"heapCommittedBytes\":%d,\"rssBytes\":%d,\"threads\":%d,"
                                + "\"openFiles\":%d,\"cpuPercent\":%.1f}",
                        e.getKey(), s.oldGenAfterGc(), s.heapCommitted(), s.rssBytes(), s.threads(), s.openFiles(),
                        w.cpuPercent.get(e.getKey())));
            }
            js.append("}}");
        }
        js.append("],\"liveHeapBytes\":{");
        int n = 0;
        for (Map.Entry<String, long[]> e : liveHeap.entrySet()) {
            js.append(n++ == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":{\"afterWarmup\":%d,\"atEnd\":%d}",
                    e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        js.append("},\"verdict\":{\"steady\":").append(steady()).append(",\"checks\":[");
        List<Check> checks = verdict();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            js.append(i == 0 ? "" : ",").append(String.format("{\"what\":%s,\"baseline\":%s,\"last\":%s,\"tolerance\":%s,\"ok\":%b}",
                    quote(c.what), quote(c.baseline), quote(c.last), quote(c.tolerance), c.ok));
        }
        return js.append("]}}\n").toString();
    }

    private static String json(Load l) {
        return String.format(Locale.ROOT, "{\"planned\":%d,\"sent\":%d,\"ok\":%d,\"failed\":%d,\"heldBack\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f}",
                l.planned, l.sent, l.sent - l.failed, l.failed, l.heldBack, l.p50, l.p99, l.max);
    }

    private static String counts(Load l) {
        String counts = String.format(Locale.ROOT, "%d / %d / %s / %d", l.sent, l.sent - l.failed,
                l.failed == 0 ? "0" : "**" + l.failed + "**", l.heldBack);
        return l.sent == l.planned ? counts : counts + " (**" + (l.planned - l.sent) + " not sent**)";
    }

    private static String latencies(Load l) {
        return fmt(l.p50) + " / **" + fmt(l.p99) + "** / " + fmt(l.max);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String rss(ServiceProbe.Sample s) {
        return mb(s.rssBytes()) + " MB (heap committed " + mb(s.heapCommitted()) + ")";
    }

    private static long mb(long bytes) {
        return Math.round(bytes / 1048576.0);
    }
}
