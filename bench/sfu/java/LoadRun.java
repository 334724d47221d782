import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One load run against one SFU: joins the publishers (they start sending at once), then the
 * subscribers, waits the warm-up, measures for the planned seconds with a progress line each
 * second, then stops the media, lets what is in flight arrive, and leaves.
 */
final class LoadRun {

    private final SfuTarget target;
    private final LoadPlan plan;
    /** Whether the simulated browsers send feedback: asked for, and against our worker (the Janus client sends none). */
    private final boolean feedback;
    private final long serverPid;
    private final String serverMetricsUrl;
    private final List<WatchedWorker> watched;
    private final SendLoop sender = new SendLoop();
    private final List<ReceiveLoop> receivers = new ArrayList<>();
    private final List<SfuTarget.Session> sessions = new CopyOnWriteArrayList<>();
    private final List<SfuTarget.Session> publisherSessions = new CopyOnWriteArrayList<>();
    private final List<SfuTarget.Session> subscriberSessions = new CopyOnWriteArrayList<>();
    private final List<SimulatedPeer> peers = new CopyOnWriteArrayList<>();
    private final List<SyntheticMedia> sources = new CopyOnWriteArrayList<>();
    private final List<SimulatedPeer> subscriberPeers = new CopyOnWriteArrayList<>();
    private final List<JoinTimes> publisherTimes = new CopyOnWriteArrayList<>();
    private final List<JoinTimes> subscriberTimes = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextReceiver = new AtomicInteger();

    /**
     * @param serverMetricsUrl our worker's /q/metrics, for its own forwarding times; empty for another SFU
     * @param watched          our workers whose counters are read over the window (a broadcast's origin and edges)
     */
    LoadRun(SfuTarget target, LoadPlan plan, long serverPid, String serverMetricsUrl, List<WatchedWorker> watched) {
        this.target = target;
        this.plan = plan;
        this.feedback = plan.feedback() && target instanceof CpaasTarget;
        this.serverPid = serverPid;
        this.serverMetricsUrl = serverMetricsUrl;
        this.watched = watched;
    }

    RunResult run() throws IOException, InterruptedException {
        for (int i = 0; i < plan.receiveThreads(); i++) {
            ReceiveLoop loop = new ReceiveLoop(i);
            receivers.add(loop);
            loop.start();
        }
        sender.start();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < plan.rooms(); r++) {
            String room = prefix + "-r" + r;
            target.prepareRoom(room, plan.participantsPerRoom() + 2);
            rooms.add(room);
        }
        // Signaling is pinged from the first join on: the worker closes sockets silent for 30 s.
        var keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        keepAlive.scheduleAtFixedRate(() -> sessions.forEach(SfuTarget.Session::keepAlive), 5, 5, TimeUnit.SECONDS);
        ExecutorService setup = Executors.newFixedThreadPool(plan.setupThreads(), r -> {
            Thread thread = new Thread(r, "bench-setup");
            thread.setDaemon(true);
            return thread;
        });
        long joinStarted = System.nanoTime();
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (String room : rooms) {
                for (int p = 0; p < plan.publishers(); p++) {
                    String identity = room + "-pub" + p;
                    int level = plan.audioLevelOf(p);
                    joins.add(setup.submit(() -> publisher(room, identity, level)));
                }
            }
            await(joins);
            status("publishers in: %d of %d", sources.size(), plan.rooms() * plan.publishers());
            joins.clear();
            for (String room : rooms) {
                for (int s = 0; s < plan.subscribers(); s++) {
                    String identity = room + "-sub" + s;
                    joins.add(setup.submit(() -> subscriber(room, identity)));
                }
            }
            await(joins);
        } finally {
            setup.shutdownNow();
        }
        double joinSeconds = (System.nanoTime() - joinStarted) / 1e9;
        double joinSignalChars = subscriberSessions.isEmpty() || !(target instanceof CpaasTarget) ? Double.NaN
                : subscriberSessions.stream().mapToLong(SfuTarget.Session::signalCharsReceived).sum() / (double) subscriberSessions.size();
        status("subscribers in: %d of %d (%.1f s for all joins), %d failed", subscriberPeers.size(),
                plan.rooms() * plan.subscribers(), joinSeconds, failures.size());
        try {
            Thread.sleep(plan.warmupSeconds() * 1000L);
            receivers.forEach(loop -> loop.measuring = true);
            List<WatchedWorker.Sample> watchedStart = watched.stream().map(WatchedWorker::sample).toList();
            Snapshot start = snapshot();
            Snapshot previous = start;
            for (int second = 1; second <= plan.seconds(); second++) {
                Thread.sleep(1000);
                Snapshot now = snapshot();
                if (plan.progress()) {
                    System.err.printf(Locale.ROOT, "\r[%s %3d/%ds] sent %6.1f Mbit/s  recv %7.1f Mbit/s  loss %.2f%%  %stool CPU %5.1f%%   ",
                            target.name(), second, plan.seconds(), now.sentMbits(previous), now.receivedMbits(previous), lossPercent(),
                            serverPid > 0 ? String.format(Locale.ROOT, "server CPU %5.1f%%  ", now.serverCpuPercent(previous)) : "",
                            now.toolCpuPercent(previous));
                }
                previous = now;
            }
            if (plan.progress()) {
                System.err.println();
            }
            Snapshot end = snapshot();
            List<WatchedWorker.Window> workers = new ArrayList<>();
            for (int i = 0; i < watched.size(); i++) {
                workers.add(watched.get(i).window(watchedStart.get(i), watched.get(i).sample()));
            }
            receivers.forEach(loop -> loop.measuring = false);
            sender.stopMedia();
            Thread.sleep(500); // what is in flight arrives before the receivers stop
            for (ReceiveLoop loop : receivers) {
                loop.stop();
            }
            return result(start, snapshot(), end, joinSeconds, joinSignalChars, workers);
        } finally {
            keepAlive.shutdownNow();
            sender.stop();
            for (ReceiveLoop loop : receivers) {
                loop.stop();
            }
            leave();
        }
    }

    private void publisher(String room, String identity, int audioLevel) {
        try {
            SimulatedPeer peer = new SimulatedPeer(true, target.clientAddress());
            peers.add(peer);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            SyntheticMedia media = new SyntheticMedia(peer, random.nextInt() | 1, random.nextInt() | 1, plan.audio(), plan.video(),
                    plan.keyframeSeconds(), audioLevel, feedback);
            JoinTimes times = new JoinTimes();
            SfuTarget.Session session = target.publish(room, identity, media, times);
            sessions.add(session);
            publisherSessions.add(session);
            publisherTimes.add(times);
            receiver().add(peer);
            sender.add(peer);
            sender.add(media);
            sources.add(media);
        } catch (Exception e) {
            failures.add(identity + ": " + e.getMessage());
            status("%s failed: %s", identity, e.getMessage());
        }
    }

    private void subscriber(String room, String identity) {
        try {
            SimulatedPeer peer = new SimulatedPeer(false, target.clientAddress());
            peers.add(peer);
            if (feedback) {
                peer.feedback = new SubscriberFeedback();
            }
            JoinTimes times = new JoinTimes();
            SfuTarget.Session session = target.subscribe(room, identity, peer, times);
            sessions.add(session);
            subscriberSessions.add(session);
            subscriberTimes.add(times);
            receiver().add(peer);
            sender.add(peer);
            subscriberPeers.add(peer);
            peer.times = times;
        } catch (Exception e) {
            failures.add(identity + ": " + e.getMessage());
            status("%s failed: %s", identity, e.getMessage());
        }
    }

    private ReceiveLoop receiver() {
        return receivers.get(Math.floorMod(nextReceiver.getAndIncrement(), receivers.size()));
    }

    /** Subscribers leave first, so that the publishers' leaving sends them no new offers. */
    private void leave() {
        closeAll(subscriberSessions);
        closeAll(publisherSessions);
        peers.forEach(SimulatedPeer::close);
    }

    private static void closeAll(List<SfuTarget.Session> list) {
        ExecutorService closing = Executors.newFixedThreadPool(8);
        list.forEach(s -> closing.submit(s::close));
        closing.shutdown();
        try {
            closing.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // recorded as a failure by the task itself
            }
        }
    }

    private void status(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] " + format + "%n", prepend(target.name(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private double lossPercent() {
        long expected = 0;
        long lost = 0;
        for (SimulatedPeer peer : subscriberPeers) {
            for (ReceivedStream stream : peer.allStreams()) {
                expected += stream.expected();
                lost += stream.lost();
            }
        }
        return expected == 0 ? 0 : 100.0 * lost / expected;
    }

    private Snapshot snapshot() {
        long sentPackets = 0;
        long sentBytes = 0;
        for (SyntheticMedia source : sources) {
            sentPackets += source.packetsSent;
            sentBytes += source.bytesSent;
        }
        long receivedPackets = 0;
        long receivedBytes = 0;
        for (SimulatedPeer peer : subscriberPeers) {
            for (ReceivedStream stream : peer.allStreams()) {
                receivedPackets += stream.packets;
                receivedBytes += stream.bytes;
            }
        }
        long expected = 0;
        long lost = 0;
        for (SimulatedPeer peer : subscriberPeers) {
            for (ReceivedStream stream : peer.allStreams()) {
                expected += stream.expected();
                lost += stream.lost();
            }
        }
        long feedbackSent = 0;
        long reportsSent = 0;
        for (SimulatedPeer peer : subscriberPeers) {
            SubscriberFeedback sent = peer.feedback;
            if (sent != null) {
                feedbackSent += sent.feedbackSent;
                reportsSent += sent.reportsSent;
            }
        }
        long signalFrames = 0;
        long signalChars = 0;
        for (SfuTarget.Session session : subscriberSessions) {
            signalFrames += session.signalFramesReceived();
            signalChars += session.signalCharsReceived();
        }
        return new Snapshot(System.nanoTime(), sentPackets, sentBytes, receivedPackets, receivedBytes, expected, lost,
                serverPid > 0 ? ProcessStats.cpuSeconds(serverPid) : Double.NaN,
                serverPid > 0 ? ProcessStats.cpuSecondsByThread(serverPid) : null, ProcessStats.ownCpuSeconds(),
                ProcessStats.machineBusySeconds(), feedbackSent, reportsSent, signalFrames, signalChars);
    }

    /**
     * @param drained the counters once what was sent in the window has arrived: loss counts the packets the
     *                sequence numbers say were sent from the window's start until then
     */
    private RunResult result(Snapshot start, Snapshot drained, Snapshot end, double joinSeconds, double joinSignalChars,
                             List<WatchedWorker.Window> workers) {
        LatencyHistogram audio = new LatencyHistogram();
        LatencyHistogram video = new LatencyHistogram();
        long srtpFailures = 0;
        long unknown = 0;
        long keyframeRequests = 0;
        for (ReceiveLoop loop : receivers) {
            audio.add(loop.audioLatency);
            video.add(loop.videoLatency);
            srtpFailures += loop.srtpFailures;
            unknown += loop.unknownSsrc;
            keyframeRequests += loop.keyframeRequests;
        }
        long expected = drained.expectedPackets - start.expectedPackets;
        long lost = Math.max(0, drained.lostPackets - start.lostPackets);
        int streams = 0;
        int silent = 0;
        double jitterSum = 0;
        double jitterMax = 0;
        List<Long> firstMedia = new ArrayList<>();
        for (SimulatedPeer peer : subscriberPeers) {
            long first = Long.MAX_VALUE;
            for (ReceivedStream stream : peer.allStreams()) {
                streams++;
                if (stream.packets == 0) {
                    silent++;
                } else {
                    first = Math.min(first, stream.firstPacketNanos);
                    jitterSum += stream.jitterMillis();
                    jitterMax = Math.max(jitterMax, stream.jitterMillis());
                }
            }
            if (first != Long.MAX_VALUE && peer.times != null) {
                firstMedia.add(first - peer.times.started);
            }
        }
        double window = (end.nanos - start.nanos) / 1e9;
        List<JoinTimes> all = new ArrayList<>(publisherTimes);
        all.addAll(subscriberTimes);
        double serverCpu = end.serverCpuPercent(start);
        int forwardedVideo = plan.video() ? (int) subscriberPeers.stream().mapToLong(p -> Arrays.stream(p.allStreams()).filter(s -> s.video && s.packets > 0).count()).sum() : 0;
        long forwardedPacketsInWindow = end.receivedPackets - start.receivedPackets;
        return new RunResult(target.name(), plan, window, joinSeconds, failures.size(), List.copyOf(failures.subList(0, Math.min(5, failures.size()))),
                Percentiles.of(all.stream().map(t -> t.joinAnswered).toList()),
                Percentiles.of(all.stream().map(t -> t.connected).toList()),
                Percentiles.of(firstMedia),
                (end.sentPackets - start.sentPackets) / window, end.sentMbits(start),
                forwardedPacketsInWindow / window, end.receivedMbits(start),
                streams, silent, forwardedVideo, expected, lost, expected == 0 ? 0 : 100.0 * lost / expected,
                streams - silent == 0 ? 0 : jitterSum / (streams - silent), jitterMax,
                audio.quantileMillis(0.5), audio.quantileMillis(0.99), video.quantileMillis(0.5), video.quantileMillis(0.99),
                Math.max(audio.maxMillis(), video.maxMillis()),
                serverPid, serverCpu, serverPid > 0 ? ProcessStats.residentMiB(serverPid) : Double.NaN,
                forwardedVideo == 0 ? Double.NaN : serverCpu / forwardedVideo,
                forwardedPacketsInWindow == 0 ? Double.NaN : (end.serverCpu - start.serverCpu) * 1e6 / forwardedPacketsInWindow,
                serverPid > 0 ? end.serverThreads.percentSince(start.serverThreads, window, serverCpu) : null,
                forwardedPacketsInWindow == 0 || serverPid <= 0 ? Double.NaN
                        : (end.serverThreads.media() - start.serverThreads.media()) * 1e6 / forwardedPacketsInWindow,
                end.toolCpuPercent(start), 100 * (end.machineBusy - start.machineBusy) / window,
                srtpFailures, unknown, keyframeRequests, WorkerForwardTimes.read(serverMetricsUrl), workers,
                feedback ? (end.feedbackSent - start.feedbackSent) / window : Double.NaN,
                feedback ? (end.reportsSent - start.reportsSent) / window : Double.NaN,
                joinSignalChars, perSubscriberPerSecond(end.signalFrames - start.signalFrames, window),
                perSubscriberPerSecond(end.signalChars - start.signalChars, window), List.of(), List.of());
    }

    /** NaN where the target's signaling is not counted (Janus) or nobody subscribed. */
    private double perSubscriberPerSecond(long count, double window) {
        return !(target instanceof CpaasTarget) || subscriberSessions.isEmpty() ? Double.NaN : count / window / subscriberSessions.size();
    }

    /** Counters at one instant of the measured window. */
    private record Snapshot(long nanos, long sentPackets, long sentBytes, long receivedPackets, long receivedBytes,
                            long expectedPackets, long lostPackets, double serverCpu, ProcessStats.ThreadCpu serverThreads,
                            double toolCpu, double machineBusy,
                            long feedbackSent, long reportsSent, long signalFrames, long signalChars) {
        double seconds(Snapshot earlier) {
            return (nanos - earlier.nanos) / 1e9;
        }

        double sentMbits(Snapshot earlier) {
            return (sentBytes - earlier.sentBytes) * 8 / 1e6 / seconds(earlier);
        }

        double receivedMbits(Snapshot earlier) {
            return (receivedBytes - earlier.receivedBytes) * 8 / 1e6 / seconds(earlier);
        }

        double serverCpuPercent(Snapshot earlier) {
            return 100 * (serverCpu - earlier.serverCpu) / seconds(earlier);
        }

        double toolCpuPercent(Snapshot earlier) {
            return 100 * (toolCpu - earlier.toolCpu) / seconds(earlier);
        }
    }
}
