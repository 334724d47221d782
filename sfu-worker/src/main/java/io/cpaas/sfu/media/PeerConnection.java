package io.cpaas.sfu.media;

import io.cpaas.sfu.dtls.DtlsCertificate;
import io.cpaas.sfu.dtls.DtlsClosure;
import io.cpaas.sfu.dtls.DtlsFailure;
import io.cpaas.sfu.dtls.DtlsServerSession;
import io.cpaas.sfu.dtls.DtlsSessionListener;
import io.cpaas.sfu.dtls.DtlsSrtpKeys;
import io.cpaas.sfu.rtp.RetransmissionBuffer;
import io.cpaas.sfu.rtp.RtpPacket;
import io.cpaas.sfu.srtp.SrtpKeyMaterial;
import io.cpaas.sfu.srtp.SrtpProfile;
import io.cpaas.sfu.srtp.SrtpSession;
import io.cpaas.sfu.stun.BindingOutcome;
import io.cpaas.sfu.stun.IceCredentials;
import io.cpaas.sfu.stun.IceLiteResponder;
import io.cpaas.sfu.stun.StunMessage;
import io.cpaas.sfu.transport.UdpTransport;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One WebRTC peer connection as the worker sees it: ICE-lite (answer checks, latch the nominated
 * address), DTLS as server (keys for SRTP), then SRTP in and out. Packets arrive on the socket's
 * receive thread; decrypted ones go to the {@link Listener}.
 */
public final class PeerConnection {

    private static final Logger LOG = Logger.getLogger(PeerConnection.class);
    /** A first flight, a long ClientHello in two fragments included, and its retransmissions while the answer is on its way. */
    static final int EARLY_DTLS_DATAGRAMS = 8;

    /** What happens on a connection, for the media router. Called on the receive thread or a DTLS thread. */
    public interface Listener {
        void connected(PeerConnection connection);

        void rtp(PeerConnection connection, byte[] buf, int off, int len);

        void rtcp(PeerConnection connection, byte[] buf, int off, int len);

        void failed(PeerConnection connection, String why);
    }

    public enum Role { PUBLISH, SUBSCRIBE }

    private final String id;
    private final Role role;
    private final IceCredentials localIce = IceCredentials.random();
    private final IceLiteResponder responder = new IceLiteResponder(localIce);
    private final DtlsCertificate certificate;
    private final UdpTransport transport;
    private final PeerConnectionRegistry registry;
    private final Executor dtlsExecutor;
    private final Listener listener;
    private final byte[] stunOut = new byte[IceLiteResponder.MAX_RESPONSE_LENGTH];
    private final byte[] sendBuffer = new byte[UdpTransport.MAX_DATAGRAM + SrtpSession.MAX_RTCP_OVERHEAD + 64];
    private final RtpPacket kept = new RtpPacket();
    private volatile InetSocketAddress remote;
    private volatile DtlsServerSession dtls;
    /** DTLS datagrams that came before the peer's SDP gave its fingerprint; guarded by this. */
    private final ArrayDeque<byte[]> earlyDtls = new ArrayDeque<>();
    private volatile SrtpSession inbound;
    private volatile SrtpSession outbound;
    private volatile boolean closed;
    private volatile long lastHeardNanos = System.nanoTime();

    PeerConnection(String id, Role role, DtlsCertificate certificate, UdpTransport transport, PeerConnectionRegistry registry,
                   Executor dtlsExecutor, Listener listener) {
        this.id = id;
        this.role = role;
        this.certificate = certificate;
        this.transport = transport;
        this.registry = registry;
        this.dtlsExecutor = dtlsExecutor;
        this.listener = listener;
        registry.add(this);
    }

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public IceCredentials localIce() {
        return localIce;
    }

    public boolean isConnected() {
        return outbound != null && remote != null && !closed;
    }

    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    /**
     * The peer's DTLS fingerprint from its SDP: from now on its handshake is accepted, starting with what it
     * sent before (see {@link #onDtls}). Called once.
     */
    public synchronized void expectDtls(String remoteFingerprint) {
        if (dtls != null || closed) {
            return;
        }
        DtlsServerSession session = new DtlsServerSession(certificate, remoteFingerprint, this::sendRaw, new DtlsOutcome(), dtlsExecutor);
        for (byte[] early; (early = earlyDtls.poll()) != null; ) {
            session.receive(early, 0, early.length);
        }
        dtls = session;
    }

    void onStun(StunMessage request, InetSocketAddress source) {
        BindingOutcome outcome;
        synchronized (responder) {
            outcome = responder.respond(request, source, stunOut, 0);
            if (outcome.hasResponse()) {
                transport.send(source, stunOut, 0, outcome.responseLength());
            }
        }
        if (outcome.status() == BindingOutcome.Status.SUCCESS) {
            lastHeardNanos = System.nanoTime();
            // Latch the nominated pair; before any nomination, the first working address will do.
            if (outcome.nominated() || remote == null) {
                InetSocketAddress previous = remote;
                remote = source;
                registry.bind(source, this, previous);
            }
        }
    }

    /**
     * On a connection the worker offered (subscribe), the browser's ClientHello often comes before its answer
     * does over signaling: it is kept, a few datagrams at most, and handed to the handshake when the answer
     * brings the fingerprint. Dropped, it would cost a retransmission: 1 s in many DTLS stacks. Only datagrams
     * from the address latched by an authenticated ICE check reach this.
     */
    void onDtls(byte[] buf, int off, int len) {
        DtlsServerSession session = dtls;
        if (session == null) {
            synchronized (this) {
                session = dtls;
                if (session == null) {
                    if (!closed && earlyDtls.size() < EARLY_DTLS_DATAGRAMS && len <= UdpTransport.MAX_DATAGRAM) {
                        earlyDtls.add(Arrays.copyOfRange(buf, off, off + len));
                    }
                    return;
                }
            }
        }
        session.receive(buf, off, len);
    }

    /** DTLS datagrams held until the peer's answer. */
    synchronized int earlyDtlsKept() {
        return earlyDtls.size();
    }

    void onSrtp(byte[] buf, int off, int len, boolean rtcp) {
        SrtpSession session = inbound;
        if (session == null) {
            return;
        }
        lastHeardNanos = System.nanoTime();
        int plain = rtcp ? session.unprotectRtcp(buf, off, len) : session.unprotectRtp(buf, off, len);
        if (plain < 0) {
            return; // counted by the SRTP session (auth failure, replay, …)
        }
        if (rtcp) {
            listener.rtcp(this, buf, off, plain);
        } else {
            listener.rtp(this, buf, off, plain);
        }
    }

    /**
     * Encrypts a plain RTP packet (copied first: the caller's buffer stays plain) and sends it. When
     * {@code keep} is given, the encrypted packet is kept there: SRTP never protects one index twice,
     * so a retransmission resends these exact bytes ({@link #resend}).
     */
    public void sendRtp(byte[] buf, int off, int len, RetransmissionBuffer keep) {
        send(buf, off, len, false, keep, false, keep == null ? 0 : System.nanoTime() / 1_000_000);
    }

    /**
     * As {@link #sendRtp}, with the caller's clock for the kept copy; with {@code withhold} the packet
     * is only encrypted and kept (loss injection in tests).
     */
    void sendRtp(byte[] buf, int off, int len, RetransmissionBuffer keep, boolean withhold, long nowMillis) {
        send(buf, off, len, false, keep, withhold, nowMillis);
    }

    public void sendRtcp(byte[] buf, int off, int len) {
        send(buf, off, len, true, null, false, 0);
    }

    /** Sends an already encrypted packet again. */
    public void resend(byte[] buf, int off, int len) {
        InetSocketAddress to = remote;
        if (to != null && !closed) {
            transport.send(to, buf, off, len);
        }
    }

    public void close() {
        closed = true;
        synchronized (this) {
            earlyDtls.clear();
        }
        DtlsServerSession session = dtls;
        if (session != null) {
            session.close();
        }
        registry.remove(this, remote);
    }

    public boolean isClosed() {
        return closed;
    }

    private void send(byte[] buf, int off, int len, boolean rtcp, RetransmissionBuffer keep, boolean withhold, long nowMillis) {
        SrtpSession session = outbound;
        InetSocketAddress to = remote;
        if (session == null || to == null || closed || len > UdpTransport.MAX_DATAGRAM) {
            return;
        }
        // One outbound SRTP context per connection: senders on different threads take turns.
        synchronized (sendBuffer) {
            System.arraycopy(buf, off, sendBuffer, 0, len);
            int protectedLength = rtcp ? session.protectRtcp(sendBuffer, 0, len) : session.protectRtp(sendBuffer, 0, len);
            if (protectedLength > 0) {
                if (!withhold) {
                    transport.send(to, sendBuffer, 0, protectedLength);
                }
                if (keep != null) {
                    keep.store(kept.wrap(sendBuffer, 0, protectedLength), nowMillis);
                }
            }
        }
    }

    private void sendRaw(byte[] datagram) {
        InetSocketAddress to = remote;
        if (to != null && !closed) {
            transport.send(to, datagram, 0, datagram.length);
        }
    }

    private final class DtlsOutcome implements DtlsSessionListener {
        @Override
        public void handshakeCompleted(DtlsSrtpKeys keys) {
            SrtpProfile profile = SrtpProfile.fromDtlsProtectionProfileId(keys.profile().id()).orElse(null);
            if (profile == null) {
                listener.failed(PeerConnection.this, "DTLS chose an SRTP profile we cannot use");
                return;
            }
            SrtpKeyMaterial material = SrtpKeyMaterial.split(keys.keyingMaterial(), profile);
            inbound = SrtpSession.inbound(material, SrtpKeyMaterial.DtlsRole.SERVER);
            outbound = SrtpSession.outbound(material, SrtpKeyMaterial.DtlsRole.SERVER);
            LOG.debugf("%s %s connected (%s)", role, id, profile);
            listener.connected(PeerConnection.this);
        }

        @Override
        public void handshakeFailed(DtlsFailure failure) {
            listener.failed(PeerConnection.this, "DTLS failed: " + failure);
        }

        @Override
        public void connectionClosed(DtlsClosure closure) {
            listener.failed(PeerConnection.this, "DTLS closed by the peer");
        }
    }
}
