import java.util.List;

/**
 * What one load run measured. Rates, CPU, loss and latency cover the measured window (after the joins and
 * the warm-up); jitter is each stream's RFC 3550 estimate at the end. CPU is percent of one core. {@code workers}:
 * what each worker given with --watch did over the same window (empty without it). {@code serverCpuByThread}:
 * the server's CPU by kind of thread (our worker's names; null without a server pid). The subscribers'
 * feedback rates are NaN without --feedback.
 */
record RunResult(
        String target, LoadPlan plan, double windowSeconds, double joinSeconds, int failedJoins, List<String> someFailures,
        Percentiles joinAnswer, Percentiles connected, Percentiles firstMedia,
        double sentPacketsPerSecond, double sentMbits, double receivedPacketsPerSecond, double receivedMbits,
        int receivedStreams, int silentStreams, int forwardedVideoStreams, long expectedPackets, long lostPackets, double lossPercent,
        double meanJitterMillis, double maxJitterMillis,
        double audioLatencyP50, double audioLatencyP99, double videoLatencyP50, double videoLatencyP99, double maxLatencyMillis,
        long serverPid, double serverCpuPercent, double serverRssMiB, double serverCpuPercentPerVideoStream,
        double serverCpuMicrosPerForwardedPacket, ProcessStats.ThreadCpu serverCpuByThread, double mediaThreadMicrosPerForwardedPacket,
        double toolCpuPercent, double machineCpuPercent,
        long srtpFailures, long unknownPackets, long keyframeRequests,
        WorkerForwardTimes serverForwardTimes,
        List<WatchedWorker.Window> workers,
        double feedbackPerSecond, double receiverReportsPerSecond) {
}
