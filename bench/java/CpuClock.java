import java.lang.management.ManagementFactory;
import java.util.Locale;

/** CPU time this JVM used since start(), as a percentage of one core over the wall time. */
final class CpuClock {

    private final long cpuNanos;
    private final long wallNanos;

    private CpuClock(long cpuNanos, long wallNanos) {
        this.cpuNanos = cpuNanos;
        this.wallNanos = wallNanos;
    }

    static CpuClock start() {
        return new CpuClock(processCpu(), System.nanoTime());
    }

    String percentOfOneCore() {
        double cpu = processCpu() - cpuNanos;
        double wall = System.nanoTime() - wallNanos;
        return String.format(Locale.ROOT, "%.0f", 100 * cpu / wall);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
