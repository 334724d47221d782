import java.util.List;

/**
 * What one load run measured. Rates, CPU, loss and latency cover the measured window (after the joins and
 * the warm-up); jitter is each stream's RFC 3550 estimate at the end. CPU is percent of one core. {@code workers}:
 * what each worker given with --watch did over the same window (empty without it). {@code serverCpuByThread}:
 * the server's CPU by kind of thread (our worker's names; null without a server pid). The subscribers'
 * feedback rates are NaN without --feedback. {@code signal…PerSubscriberPerSecond}: the signaling frames and
 * characters (JSON, about bytes) each subscriber received over the window, on average;
 * {@code signalCharsPerSubscriberDuringJoins}: what each received, on average, from its join until everyone
 * had joined (the others' arrivals); NaN for Janus. {@code cpuPercentPerVideoStreamByRound} and {@code lossPercentByRound}:
 * with --rounds, the CPU per video stream and the loss of every round of this run's step and SFU, in the order
 * they ran, this run being the median by CPU; empty otherwise.
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
        double feedbackPerSecond, double receiverReportsPerSecond,
        double signalCharsPerSubscriberDuringJoins, double signalFramesPerSubscriberPerSecond, double signalCharsPerSubscriberPerSecond,
        List<Double> cpuPercentPerVideoStreamByRound, List<Double> lossPercentByRound) {

    /** This run standing for the rounds of its step: the one whose CPU per video stream is their median (the lower middle one of an even count). */
    static RunResult medianRound(List<RunResult> rounds) {
        List<RunResult> byCpu = rounds.stream()
                .sorted(java.util.Comparator.comparingDouble(RunResult::serverCpuPercentPerVideoStream)).toList();
        RunResult m = byCpu.get((byCpu.size() - 1) / 2);
        List<Double> cpu = rounds.stream().map(RunResult::serverCpuPercentPerVideoStream).toList();
        List<Double> loss = rounds.stream().map(RunResult::lossPercent).toList();
        return new RunResult(m.target, m.plan, m.windowSeconds, m.joinSeconds, m.failedJoins, m.someFailures,
                m.joinAnswer, m.connected, m.firstMedia,
                m.sentPacketsPerSecond, m.sentMbits, m.receivedPacketsPerSecond, m.receivedMbits,
                m.receivedStreams, m.silentStreams, m.forwardedVideoStreams, m.expectedPackets, m.lostPackets, m.lossPercent,
                m.meanJitterMillis, m.maxJitterMillis,
                m.audioLatencyP50, m.audioLatencyP99, m.videoLatencyP50, m.videoLatencyP99, m.maxLatencyMillis,
                m.serverPid, m.serverCpuPercent, m.serverRssMiB, m.serverCpuPercentPerVideoStream,
                m.serverCpuMicrosPerForwardedPacket, m.serverCpuByThread, m.mediaThreadMicrosPerForwardedPacket,
                m.toolCpuPercent, m.machineCpuPercent,
                m.srtpFailures, m.unknownPackets, m.keyframeRequests,
                m.serverForwardTimes, m.workers,
                m.feedbackPerSecond, m.receiverReportsPerSecond,
                m.signalCharsPerSubscriberDuringJoins, m.signalFramesPerSubscriberPerSecond, m.signalCharsPerSubscriberPerSecond, cpu, loss);
    }
}
