import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads async-profiler's collapsed stacks of the worker (bench/run.sh sfu --profile) and says where the
 * media thread's CPU went: kernel and Java, grouped by the stage of the forwarding path, then the
 * frames with the most samples of their own. Kernel frames (suffix {@code _[k]}) are there only when
 * the kernel let the profiler see them (root, or perf_event_paranoid ≤ 1).
 *
 * <p>Usage: {@code ProfileSummary COLLAPSED_FILE [THREAD_NAME_PREFIX]} (default {@code [udp-rx}).
 */
public final class ProfileSummary {

    /** A stage of the forwarding path, recognised by a frame of the stack; the first that matches wins. */
    private record Stage(String name, Predicate<List<String>> matches) {
    }

    private static final List<Stage> STAGES = List.of(
            new Stage("send: the receiver's side of loopback (its softirq, run on the sending CPU)",
                    stack -> sends(stack) && has(stack, "net_rx_action_[k]")),
            new Stage("send: switched out on return from sendto/sendmmsg (the woken receiver ran)",
                    stack -> sends(stack) && has(stack, "schedule_[k]")),
            new Stage("send: the rest of sendto/sendmmsg (UDP/IP transmit, system call)", ProfileSummary::sends),
            new Stage("send: Java's side (the JDK's DatagramChannel.send, or UdpTransport.send and Netty's write and flush)",
                    stack -> has(stack, "sun/nio/ch/DatagramChannelImpl.send")
                            || hasPrefix(stack, "io/cpaas/sfu/transport/UdpTransport.send")
                            || hasPrefix(stack, "io/netty/channel/epoll/AbstractEpollChannel$AbstractEpollUnsafe.flush")
                            || hasPrefix(stack, "io/netty/channel/AbstractChannel$AbstractUnsafe.flush")),
            new Stage("SRTP protect (encrypting forwarded packets)",
                    stack -> hasPrefix(stack, "io/cpaas/sfu/srtp/SrtpSession.protect")),
            new Stage("SRTP unprotect (decrypting what publishers and subscribers send)",
                    stack -> hasPrefix(stack, "io/cpaas/sfu/srtp/SrtpSession.unprotect")),
            new Stage("retransmission buffer (copy of each packet sent)",
                    stack -> has(stack, "io/cpaas/sfu/rtp/RetransmissionBuffer.store")),
            new Stage("RTCP (feedback, reports)", stack -> has(stack, "io/cpaas/sfu/media/MediaRouter.rtcp")),
            new Stage("forwarding: the rest (routing, rewriting, counters)",
                    stack -> has(stack, "io/cpaas/sfu/media/MediaRouter.rtp")),
            // Netty calls the handler from inside its read: what is not one of the stages above is the read itself.
            new Stage("receive (DatagramChannel.receive or Netty's epoll read, recvfrom/recvmsg)",
                    stack -> has(stack, "sun/nio/ch/DatagramChannelImpl.receive")
                            || hasPrefix(stack, "io/netty/channel/epoll/EpollDatagramChannel.recvmsg")
                            || hasPrefix(stack, "io/netty/channel/epoll/Native.epollWait")),
            new Stage("other", stack -> true));

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ProfileSummary COLLAPSED_FILE [THREAD_NAME_PREFIX]");
            System.exit(2);
        }
        String threadPrefix = args.length > 1 ? args[1] : "[udp-rx";
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byStage = new LinkedHashMap<>();
        Map<String, Long> bySelf = new HashMap<>();
        STAGES.forEach(stage -> byStage.put(stage.name(), 0L));
        long total = 0;
        boolean kernelSeen = false;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            List<String> frames = List.of(line.substring(0, space).split(";"));
            String thread = frames.get(0).replaceAll(" tid=\\d+", "");
            byThread.merge(thread, samples, Long::sum);
            if (!thread.startsWith(threadPrefix)) {
                continue;
            }
            total += samples;
            kernelSeen |= frames.get(frames.size() - 1).endsWith("_[k]");
            for (Stage stage : STAGES) {
                if (stage.matches().test(frames)) {
                    byStage.merge(stage.name(), samples, Long::sum);
                    break;
                }
            }
            bySelf.merge(frames.get(frames.size() - 1), samples, Long::sum);
        }
        System.out.println("CPU samples by thread (all threads of the worker):");
        print(byThread, sum(byThread), 12);
        if (total == 0) {
            System.out.println("no samples of a thread named " + threadPrefix + "*");
            return;
        }
        System.out.printf("%nThe media thread (%s*): %,d samples%n", threadPrefix, total);
        if (!kernelSeen) {
            System.out.println("(no kernel frames: the kernel hid them; run as root, or set /proc/sys/kernel/perf_event_paranoid to 1)");
        }
        System.out.println("| stage | share of its CPU |");
        System.out.println("|---|---|");
        for (Map.Entry<String, Long> stage : byStage.entrySet()) {
            System.out.printf("| %s | %.1f %% |%n", stage.getKey(), 100.0 * stage.getValue() / total);
        }
        System.out.printf("%nFrames with the most samples of their own (media thread):%n");
        print(bySelf, total, 25);
    }

    /** The send system calls: the JDK makes one {@code sendto} per datagram, Netty's epoll transport a {@code sendmmsg} per batch. */
    private static boolean sends(List<String> frames) {
        return frames.contains("sendto") || frames.stream().anyMatch(frame -> frame.contains("sendmmsg"));
    }

    private static boolean has(List<String> frames, String frame) {
        return frames.contains(frame);
    }

    private static boolean hasPrefix(List<String> frames, String prefix) {
        return frames.stream().anyMatch(frame -> frame.startsWith(prefix));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(entry -> System.out.printf("  %5.1f %%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
    }
}
