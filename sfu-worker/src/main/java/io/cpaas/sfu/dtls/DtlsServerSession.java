package io.cpaas.sfu.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The DTLS server side of one peer connection (RFC 5763/5764): runs the handshake with the browser over the
 * datagrams the worker's demultiplexer hands it, checks the browser's certificate against the fingerprint from
 * its SDP, and hands the negotiated SRTP profile and keys to the listener.
 *
 * <p>Threading. {@link #receive} is called by the single UDP receive thread and never blocks: it copies the
 * datagram into a bounded queue (overflow is counted and dropped). The first datagram starts bctls'
 * blocking {@code DTLSServerProtocol.accept} on the executor, which holds one of its threads until the handshake
 * completes, fails or times out ({@link #DEFAULT_HANDSHAKE_TIMEOUT}, counted from that first datagram). Once
 * established no thread is held: each later datagram (alerts, close_notify, a retransmitted final client flight)
 * schedules a short drain task on the executor. Size the executor for the number of handshakes expected at
 * once; see {@link #newExecutor(int)}.
 */
public final class DtlsServerSession implements AutoCloseable {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);
    /** Largest datagram we send (record plus header): fits any path that carries WebRTC, TURN overhead included. */
    public static final int MTU = 1200;
    /** Datagrams waiting for the executor; a handshake flight is a handful, so 64 only overflows under abuse. */
    static final int QUEUE_CAPACITY = 64;

    public enum State {
        /** Created; no DTLS datagram seen yet. */
        NEW,
        /** The handshake runs on an executor thread. */
        HANDSHAKING,
        /** Keys delivered; alerts and retransmissions are still processed. */
        CONNECTED,
        /** The handshake failed (listener told why). */
        FAILED,
        /** Closed locally, or by the peer after the handshake. */
        CLOSED
    }

    /** Counters, for the worker's metrics. */
    public record Stats(long datagramsReceived, long datagramsSent, long droppedQueueFull, long droppedOversized,
                        long droppedNotRunning, long applicationDataIgnored) {
    }

    private final DtlsCertificate certificate;
    private final DtlsFingerprint remoteFingerprint;
    private final DtlsSessionListener listener;
    private final Executor executor;
    private final long handshakeTimeoutNanos;
    private final DatagramQueueTransport transport;

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** bctls' DTLSTransport is not thread-safe: drains and the local close take turns on this lock. */
    private final Object tlsLock = new Object();
    private DTLSTransport dtls; // guarded by tlsLock
    private DtlsSrtpServer tlsServer; // guarded by tlsLock

    private final AtomicLong datagramsReceived = new AtomicLong();
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedOversized = new AtomicLong();
    private final AtomicLong droppedNotRunning = new AtomicLong();
    private final AtomicLong applicationDataIgnored = new AtomicLong();

    /**
     * @param certificate       the worker's certificate (its fingerprint is in our SDP)
     * @param remoteFingerprint the peer's {@code a=fingerprint} value, {@code "sha-256 AB:CD:…"}
     * @param sender            sends one datagram to the peer's latched 5-tuple; receives a fresh array it may
     *                          keep; called on executor threads and must not block
     * @param listener          told the outcome, on executor threads
     * @param executor          runs handshakes and drain tasks, shared by sessions; it must hand tasks to its own
     *                          threads and never run them on the submitting thread (no direct executor, no
     *                          CallerRunsPolicy), or the UDP receive thread would run a blocking handshake
     * @throws IllegalArgumentException if the fingerprint is not a well-formed sha-256 fingerprint
     */
    public DtlsServerSession(DtlsCertificate certificate, String remoteFingerprint, Consumer<byte[]> sender,
                             DtlsSessionListener listener, Executor executor) {
        this(certificate, remoteFingerprint, sender, listener, executor, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    public DtlsServerSession(DtlsCertificate certificate, String remoteFingerprint, Consumer<byte[]> sender,
                             DtlsSessionListener listener, Executor executor, Duration handshakeTimeout) {
        this(certificate, remoteFingerprint, sender, listener, executor, handshakeTimeout, MTU);
    }

    DtlsServerSession(DtlsCertificate certificate, String remoteFingerprint, Consumer<byte[]> sender,
                      DtlsSessionListener listener, Executor executor, Duration handshakeTimeout, int mtu) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.remoteFingerprint = DtlsFingerprint.parse(Objects.requireNonNull(remoteFingerprint, "remoteFingerprint"));
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, got " + handshakeTimeout);
        }
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.transport = new DatagramQueueTransport(QUEUE_CAPACITY, mtu, Objects.requireNonNull(sender, "sender"),
                droppedOversized);
    }

    /**
     * An executor for sessions: up to {@code maxConcurrentHandshakes} daemon threads (idle ones exit after
     * 30 s); tasks beyond that wait in line, and a handshake whose deadline passes while waiting fails as
     * {@link DtlsFailure.Reason#TIMEOUT}.
     */
    public static ExecutorService newExecutor(int maxConcurrentHandshakes) {
        if (maxConcurrentHandshakes < 1) {
            throw new IllegalArgumentException("maxConcurrentHandshakes must be at least 1");
        }
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "dtls-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(maxConcurrentHandshakes, maxConcurrentHandshakes,
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * One DTLS datagram (first byte 20–63, RFC 7983) from the peer. Called by the UDP receive thread; never
     * blocks. The buffer may be reused as soon as this returns.
     */
    public void receive(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        datagramsReceived.incrementAndGet();
        State seen = state.get();
        if (seen == State.FAILED || seen == State.CLOSED) {
            droppedNotRunning.incrementAndGet();
            return;
        }
        if (len > DatagramQueueTransport.MAX_DATAGRAM_SIZE) {
            droppedOversized.incrementAndGet();
            return;
        }
        if (!transport.offer(Arrays.copyOfRange(buf, off, off + len))) {
            droppedQueueFull.incrementAndGet();
            return;
        }
        // Read the state again after queueing: if the handshake finished in between, its final drain or ours
        // will see the datagram.
        State now = state.get();
        if (now == State.NEW && state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            startHandshake();
        } else if (now == State.CONNECTED) {
            scheduleDrain();
        }
    }

    public State state() {
        return state.get();
    }

    public Stats stats() {
        return new Stats(datagramsReceived.get(), transport.datagramsSent(), droppedQueueFull.get(),
                droppedOversized.get(), droppedNotRunning.get(), applicationDataIgnored.get());
    }

    /**
     * Ends the session: a running handshake is aborted and frees its thread; an established association sends
     * close_notify. No listener call follows. Safe from any thread, idempotent.
     */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous != State.CONNECTED) {
            transport.close(); // wakes a handshake thread blocked on the queue
            return;
        }
        Runnable closeNotify = () -> {
            synchronized (tlsLock) {
                closeQuietly(dtls);
                transport.close();
            }
        };
        try {
            executor.execute(closeNotify);
        } catch (RejectedExecutionException e) {
            closeNotify.run();
        }
    }

    private void startHandshake() {
        long deadline = System.nanoTime() + handshakeTimeoutNanos;
        transport.handshakeDeadline(deadline, TimeUnit.NANOSECONDS.toMillis(handshakeTimeoutNanos));
        try {
            executor.execute(() -> runHandshake(deadline));
        } catch (RejectedExecutionException e) {
            transport.close();
            if (state.compareAndSet(State.HANDSHAKING, State.FAILED)) {
                notifyListener(() -> listener.handshakeFailed(new DtlsFailure(DtlsFailure.Reason.INTERNAL_ERROR,
                        "the DTLS executor refused the handshake: " + e.getMessage())));
            }
        }
    }

    private void runHandshake(long deadlineNanos) {
        DtlsSrtpServer server = null;
        try {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (remainingMillis <= 0) {
                throw new TlsTimeoutException("the handshake waited for an executor thread past its deadline");
            }
            server = new DtlsSrtpServer(certificate, remoteFingerprint, (int) Math.min(Integer.MAX_VALUE, remainingMillis));
            // No HelloVerifyRequest: the peer's address was already checked by ICE (STUN with MESSAGE-INTEGRITY).
            DTLSTransport established = new DTLSServerProtocol().accept(server, transport);
            synchronized (tlsLock) {
                dtls = established;
                tlsServer = server;
            }
            transport.switchToNonBlocking();
            if (!state.compareAndSet(State.HANDSHAKING, State.CONNECTED)) {
                closeQuietly(established); // close() raced with the last flight
                return;
            }
            DtlsSrtpKeys keys = server.keys();
            notifyListener(() -> listener.handshakeCompleted(keys));
            scheduleDrain(); // datagrams that arrived while the state was changing
        } catch (IOException | RuntimeException e) {
            transport.close();
            if (state.compareAndSet(State.HANDSHAKING, State.FAILED)) {
                DtlsFailure failure = describeHandshakeFailure(e, server);
                notifyListener(() -> listener.handshakeFailed(failure));
            }
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false); // the executor is shutting down with the worker; nothing to do
            }
        }
    }

    /** Feeds queued post-handshake datagrams through bctls until the queue is empty. */
    private void drain() {
        drainScheduled.set(false); // before reading, so a datagram queued from now on schedules another drain
        DtlsClosure closure = null;
        synchronized (tlsLock) {
            if (state.get() != State.CONNECTED) {
                return;
            }
            try {
                byte[] buf = new byte[dtls.getReceiveLimit()];
                while (!transport.isClosed()) {
                    // waitMillis 0: no bctls timeout; our transport throws NoDatagram when the queue is empty.
                    if (dtls.receive(buf, 0, buf.length, 0) >= 0) {
                        applicationDataIgnored.incrementAndGet(); // no data channels: nothing reads it
                    }
                }
            } catch (DatagramQueueTransport.NoDatagram e) {
                // queue empty, or bctls closed the transport after a close_notify (checked below)
            } catch (TlsFatalAlertReceived e) {
                closure = new DtlsClosure(DtlsClosure.Kind.ALERT_RECEIVED,
                        "the peer sent fatal alert " + AlertDescription.getText(e.getAlertDescription()));
            } catch (IOException | RuntimeException e) {
                closure = new DtlsClosure(DtlsClosure.Kind.PROTOCOL_ERROR, describe(e));
            }
            if (closure == null && transport.isClosed()) {
                closure = tlsServer.closeNotifyReceived()
                        ? new DtlsClosure(DtlsClosure.Kind.CLOSE_NOTIFY, "the peer sent close_notify")
                        : new DtlsClosure(DtlsClosure.Kind.PROTOCOL_ERROR, "bctls closed the association");
            }
        }
        if (closure != null) {
            transport.close();
            if (state.compareAndSet(State.CONNECTED, State.CLOSED)) {
                DtlsClosure reported = closure;
                notifyListener(() -> listener.connectionClosed(reported));
            }
        }
    }

    private static DtlsFailure describeHandshakeFailure(Exception e, DtlsSrtpServer server) {
        if (server != null && server.refusal() != null) {
            return server.refusal();
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsFailure(DtlsFailure.Reason.TIMEOUT, e.getMessage());
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return new DtlsFailure(DtlsFailure.Reason.ALERT_RECEIVED,
                    "the client sent fatal alert " + AlertDescription.getText(received.getAlertDescription()));
        }
        boolean ourFault = e instanceof RuntimeException
                || e instanceof InterruptedIOException // executor shut down under us
                || e instanceof TlsFatalAlert alert && alert.getAlertDescription() == AlertDescription.internal_error;
        return new DtlsFailure(ourFault ? DtlsFailure.Reason.INTERNAL_ERROR : DtlsFailure.Reason.PROTOCOL_ERROR,
                describe(e));
    }

    private static String describe(Exception e) {
        String text = e instanceof TlsFatalAlert alert
                ? "alert " + AlertDescription.getText(alert.getAlertDescription())
                : e.getClass().getSimpleName();
        if (e.getMessage() != null) {
            text += ": " + e.getMessage();
        }
        Throwable cause = e.getCause();
        return cause == null || cause == e ? text : text + " (caused by " + cause + ")";
    }

    private static void closeQuietly(DTLSTransport established) {
        if (established == null) {
            return;
        }
        try {
            established.close();
        } catch (IOException | RuntimeException ignored) {
            // the peer may never see our close_notify; it will notice through ICE consent
        }
    }

    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // a failing listener must not break the session's state machine
        }
    }

    @Override
    public String toString() {
        return "DtlsServerSession[" + state.get() + ", peer " + remoteFingerprint + "]";
    }
}
