package io.cpaas.sfu.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A network namespace joined to the host by a link the test controls, to put one participant of a
 * call behind a bad network: loss, delay, a rate limit, an outage.
 *
 * <p>The namespace gets a private /30 of its own (10.213.0.0/16, picked under a machine-wide lock so
 * that concurrent test runs never share one): {@link #hostAddress()} on the host side,
 * {@link #address()} inside, and a default route to the host. Anything listening on the host at
 * {@code 0.0.0.0} or at {@link #hostAddress()} is reachable from inside; for a server bound to
 * 127.0.0.1 it is not (inside, 127.0.0.1 is the namespace's own loopback). The link is a pair of TUN
 * devices bridged by src/test/netns/link.py, because this machine's kernel has no {@code sch_netem}:
 * loss, delay and outages are applied there per direction; rate limits are real {@code tc tbf}
 * qdiscs on the devices. The directions: {@link Direction#UP} is namespace → host (what the
 * participant sends), {@link Direction#DOWN} host → namespace (what it receives).
 *
 * <pre>{@code
 * try (NetworkNamespace network = NetworkNamespace.create()) {
 *     network.impair(Direction.BOTH, 5, Duration.ZERO);         // 5 % loss each way
 *     network.impair(Direction.BOTH, 0, Duration.ofMillis(150)); // 150 ms each way, no loss
 *     network.limitRate(Direction.DOWN, 300);                   // 300 kbit/s towards the participant
 *     network.outage(Duration.ofSeconds(5));                     // everything dropped for 5 s, lifted by the link
 *     network.clear();                                          // back to a clean link
 * }
 * }</pre>
 *
 * Chromium runs inside with {@code launchChromium({ netns: network.name() })} in src/test/browser
 * (netns-chromium.sh starts it through {@code ip netns exec}); any other command with
 * {@link #inside(String...)}. {@link NetworkNamespaces} starts the control plane and the worker so
 * that namespaces reach them. Every command has a deadline; {@link #close()} (or, if the test JVM
 * ends first, a shutdown hook) removes the namespace and its devices. Needs root, {@code ip} and
 * {@code tc} (iproute2) and python3.
 */
public final class NetworkNamespace implements AutoCloseable {

    /** Which way packets go over the link. */
    public enum Direction {
        /** From the namespace to the host: what the participant sends. */
        UP,
        /** From the host to the namespace: what the participant receives. */
        DOWN,
        BOTH
    }

    /** Debian's python3 when there (it starts fastest), else the first on the PATH. */
    public static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final Path LINK = Path.of("src", "test", "netns", "link.py");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "cpaas-netns.lock");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_NAMESPACES = 16_384;
    private static final Pattern ADDRESS = Pattern.compile("\\b10\\.213\\.(\\d+)\\.(\\d+)\\b");

    private final String name;
    private final String hostDevice;
    private final String namespaceDevice;
    private final String hostAddress;
    private final String address;
    private final Process link;
    private final Writer linkCommands;
    private final BlockingQueue<String> linkAnswers = new LinkedBlockingQueue<>();
    private final Thread cleanup;
    private boolean closed;

    private NetworkNamespace(String name, int index, Process link) {
        this.name = name;
        this.hostDevice = name + "-h";
        this.namespaceDevice = name + "-n";
        int base = index * 4;
        this.hostAddress = "10.213." + (base >> 8) + "." + ((base & 0xff) + 1);
        this.address = "10.213." + (base >> 8) + "." + ((base & 0xff) + 2);
        this.link = link;
        this.linkCommands = new OutputStreamWriter(link.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(link.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    linkAnswers.add(line);
                }
            } catch (IOException ignored) {
                // the link ended; the next command times out with a clear message
            }
        }, name + "-link-reader");
        reader.setDaemon(true);
        reader.start();
        this.cleanup = new Thread(this::remove, name + "-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** A new namespace named with the prefix from {@code CPAAS_NETNS_PREFIX} (default "cpt"). */
    public static NetworkNamespace create() {
        String prefix = System.getenv().getOrDefault("CPAAS_NETNS_PREFIX", "cpt");
        if (!prefix.matches("[a-z]{1,6}")) {
            throw new IllegalArgumentException("CPAAS_NETNS_PREFIX must be 1-6 lower-case letters, not '" + prefix + "'");
        }
        requireTools();
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            Set<Integer> taken = new HashSet<>();
            Matcher address = ADDRESS.matcher(run("ip", "-4", "-o", "addr", "show"));
            while (address.find()) {
                taken.add((Integer.parseInt(address.group(1)) * 256 + Integer.parseInt(address.group(2))) / 4);
            }
            Set<String> names = run("ip", "netns", "list").lines().map(line -> line.split("\\s+")[0]).collect(Collectors.toSet());
            for (int index = 0; index < MAX_NAMESPACES; index++) {
                if (!taken.contains(index) && !names.contains(prefix + index)) {
                    return build(prefix + index, index);
                }
            }
            throw new IllegalStateException("no free /30 left in 10.213.0.0/16 for a test namespace");
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + LOCK, e);
        }
    }

    private static NetworkNamespace build(String name, int index) {
        run("ip", "netns", "add", name);
        Process link;
        try {
            link = new ProcessBuilder(PYTHON, LINK.toString(), name, name + "-h", name + "-n")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            run("ip", "netns", "del", name);
            throw new UncheckedIOException("could not start " + LINK, e);
        }
        NetworkNamespace namespace = new NetworkNamespace(name, index, link);
        try {
            namespace.expect("ready", "the link to come up");
            run("ip", "addr", "add", namespace.hostAddress + "/30", "dev", namespace.hostDevice);
            run("ip", "link", "set", namespace.hostDevice, "up");
            namespace.runInside("ip", "addr", "add", namespace.address + "/30", "dev", namespace.namespaceDevice);
            namespace.runInside("ip", "link", "set", namespace.namespaceDevice, "up");
            namespace.runInside("ip", "link", "set", "lo", "up");
            namespace.runInside("ip", "route", "add", "default", "via", namespace.hostAddress);
            return namespace;
        } catch (RuntimeException | Error e) {
            namespace.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The host's address on the link: what the namespace reaches the host at. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The namespace's own address. */
    public String address() {
        return address;
    }

    /** The command line that runs {@code command} inside the namespace. */
    public List<String> inside(String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(List.of(command));
        return line;
    }

    /** Random loss (percent, 0-100) and a fixed delay on the direction(s); replaces what was set before. */
    public void impair(Direction direction, double lossPercent, Duration delay) {
        if (lossPercent < 0 || lossPercent > 100 || delay.isNegative() || delay.toMillis() > 10_000) {
            throw new IllegalArgumentException("loss must be 0-100 % and delay 0-10 s");
        }
        command(String.format(Locale.ROOT, "set %s loss=%.3f delay=%d", direction.name().toLowerCase(Locale.ROOT), lossPercent,
                delay.toMillis()));
    }

    /**
     * Drops every packet both ways for {@code duration}, starting now. The link lifts it by itself,
     * so the outage ends on time even if the test stops waiting; this call does not block.
     */
    public void outage(Duration duration) {
        if (duration.isNegative() || duration.toSeconds() > 120) {
            throw new IllegalArgumentException("an outage lasts 0-120 s");
        }
        command("outage " + duration.toMillis());
    }

    /** Limits the direction(s) to {@code kbitPerSecond} with a token bucket ({@code tc qdisc … tbf}). */
    public void limitRate(Direction direction, int kbitPerSecond) {
        if (kbitPerSecond < 8) {
            throw new IllegalArgumentException("a rate limit is at least 8 kbit/s");
        }
        // A burst of ~50 ms of traffic (at least 3 full packets) and at most 200 ms queued, as a slow access link does.
        long burstBytes = Math.max(4_500, kbitPerSecond * 1000L / 8 / 20);
        for (List<String> tc : tcCommands(direction, "replace", List.of("tbf", "rate", kbitPerSecond + "kbit", "burst",
                String.valueOf(burstBytes), "latency", "200ms"))) {
            run(tc.toArray(String[]::new));
        }
    }

    /** Removes the rate limit from the direction(s), if any. */
    public void clearRate(Direction direction) {
        for (List<String> tc : tcCommands(direction, "del", List.of())) {
            runAllowingFailure(tc.toArray(String[]::new));
        }
    }

    /** A clean link again: no loss, no delay, no rate limit (an outage under way still runs out). */
    public void clear() {
        impair(Direction.BOTH, 0, Duration.ZERO);
        clearRate(Direction.BOTH);
    }

    /** Counters of the link per direction (forwarded, lost, outage, overflow, unwritable), as JSON. */
    public String linkStats() {
        return command("stats");
    }

    private List<List<String>> tcCommands(Direction direction, String verb, List<String> qdisc) {
        List<List<String>> commands = new ArrayList<>();
        if (direction != Direction.UP) {
            List<String> host = new ArrayList<>(List.of("tc", "qdisc", verb, "dev", hostDevice, "root"));
            host.addAll(qdisc);
            commands.add(host);
        }
        if (direction != Direction.DOWN) {
            List<String> in = new ArrayList<>(inside("tc", "qdisc", verb, "dev", namespaceDevice, "root"));
            in.addAll(qdisc);
            commands.add(in);
        }
        return commands;
    }

    private synchronized String command(String line) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        try {
            linkCommands.write(line + "\n");
            linkCommands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the link of " + name + " is gone", e);
        }
        String answer = expect(null, "'" + line + "'");
        if (answer.startsWith("error")) {
            throw new IllegalArgumentException("link of " + name + " refused '" + line + "': " + answer);
        }
        return answer;
    }

    private String expect(String wanted, String what) {
        try {
            String answer = linkAnswers.poll(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer == null) {
                throw new IllegalStateException("the link of " + name + " did not answer " + what + " within " + COMMAND_TIMEOUT
                        + (link.isAlive() ? "" : " (it exited with " + link.exitValue() + ")"));
            }
            if (wanted != null && !answer.equals(wanted)) {
                throw new IllegalStateException("the link of " + name + " answered '" + answer + "' instead of " + wanted);
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what);
        }
    }

    private void runInside(String... command) {
        run(inside(command).toArray(String[]::new));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it removes the same things
        }
    }

    /** Ends the link (its TUN devices go with it) and deletes the namespace; safe to call twice. */
    private void remove() {
        try {
            linkCommands.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!link.waitFor(5, TimeUnit.SECONDS)) {
                link.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.destroyForcibly();
        }
        runAllowingFailure("ip", "link", "del", hostDevice);
        runAllowingFailure("ip", "netns", "del", name);
    }

    private static void requireTools() {
        for (String[] probe : List.of(new String[] {"ip", "-V"}, new String[] {"tc", "-V"}, new String[] {PYTHON, "--version"})) {
            try {
                run(probe);
            } catch (RuntimeException e) {
                throw new IllegalStateException(probe[0] + " is missing or broken: network namespace tests need iproute2 and python3 "
                        + "(deploy/local/test.sh installs them) and root", e);
            }
        }
    }

    private static String run(String... command) {
        Result result = execute(command);
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode + "): " + result.output.strip());
        }
        return result.output;
    }

    private static void runAllowingFailure(String... command) {
        execute(command);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(String... command) {
        Path output = null;
        try {
            output = Files.createTempFile("netns-command", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command));
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
