import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time and resident memory of a process from /proc (the SFU under load), or of this JVM. */
final class ProcessStats {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User + system CPU seconds the process used so far; NaN when it cannot be read. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3, utime 14, stime 15 (1-based): indices 11 and 12 here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of a worker's threads by what they do, from /proc/PID/task/TID/stat and the threads'
     * names: the media thread ({@code udp-rx-<port>}), the JIT compilers, the garbage collector (with the
     * VM thread, which runs its pauses) and the rest (signaling, timers, HTTP). All NaN when it cannot be
     * read; a thread that ended since the last reading no longer counts.
     */
    static ThreadCpu cpuSecondsByThread(long pid) {
        double media = 0;
        double jit = 0;
        double gc = 0;
        double rest = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                if (name.startsWith("udp-rx")) {
                    media += seconds;
                } else if (name.contains("CompilerThre")) {
                    jit += seconds;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    gc += seconds;
                } else {
                    rest += seconds;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ThreadCpu(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ThreadCpu(media, jit, gc, rest);
    }

    /** CPU of a process's threads by kind: seconds in a reading, percent of one core over a window. */
    record ThreadCpu(double media, double jit, double gc, double rest) {

        /**
         * Percent of one core each kind used between {@code earlier} and this reading, SECONDS apart; the
         * rest is what is left of the process's {@code totalPercent}, so that threads which ended in
         * between (their time is the process's, no longer any thread's) count there.
         */
        ThreadCpu percentSince(ThreadCpu earlier, double seconds, double totalPercent) {
            double mediaPercent = 100 * (media - earlier.media) / seconds;
            double jitPercent = 100 * (jit - earlier.jit) / seconds;
            double gcPercent = 100 * (gc - earlier.gc) / seconds;
            return new ThreadCpu(mediaPercent, jitPercent, gcPercent, Math.max(0, totalPercent - mediaPercent - jitPercent - gcPercent));
        }
    }

    /** Resident set size in MiB; NaN when it cannot be read. */
    static double residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Double.NaN;
    }

    /** CPU seconds this JVM (the load tool) used so far. */
    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
