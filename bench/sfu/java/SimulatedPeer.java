import io.cpaas.sfu.srtp.SrtpKeyMaterial;
import io.cpaas.sfu.srtp.SrtpSession;
import io.cpaas.sfu.stun.BindingOutcome;
import io.cpaas.sfu.stun.IceCredentials;
import io.cpaas.sfu.stun.IceLiteResponder;
import io.cpaas.sfu.stun.StunMessage;
import io.cpaas.sfu.stun.StunParseException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;

/**
 * One simulated browser peer connection: its own non-blocking UDP socket connected to the server's
 * candidate, an ICE check that nominates it (answering the server's own checks too, for full-ICE
 * servers), a DTLS client handshake, then SRTP both ways with the worker's own {@link SrtpSession}.
 * After setup the socket belongs to one {@link ReceiveLoop} (reads) and the {@link SendLoop} (writes).
 */
final class SimulatedPeer {

    static final int MAX_PACKET = 1500;

    final IceCredentials local = IceCredentials.random();
    final DatagramChannel channel;
    private final IceLiteResponder responder = new IceLiteResponder(local);
    private final byte[] stunOut = new byte[IceLiteResponder.MAX_RESPONSE_LENGTH];
    private final ByteBuffer stunOutBuffer = ByteBuffer.wrap(stunOut);
    private final ByteBuffer checkBuffer = ByteBuffer.allocate(256);
    private InetSocketAddress remote;
    private StunBinding binding;
    private volatile SrtpSession outbound;
    private volatile SrtpSession inbound;
    private volatile boolean checkAnswered;
    /** Set by the receive loop when the server asked for a keyframe (PLI or FIR); read by the send loop. */
    volatile boolean keyframeRequested;
    /** What this peer receives, by SSRC; set before the receive loop owns the peer. */
    volatile ReceivedStreams streams = ReceivedStreams.NONE;
    /** Every stream this peer was ever offered, for the report (renegotiation may drop some from {@link #streams}). */
    private final java.util.List<ReceivedStream> everStreams = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** A subscriber's join, for its time to first media. */
    volatile JoinTimes times;
    /** What a subscriber sends back (--feedback); null when it sends nothing. Set before the receive loop owns the peer. */
    volatile SubscriberFeedback feedback;

    /** Publishers read RTCP for keyframe requests; subscribers count RTP. */
    final boolean publishes;

    SimulatedPeer(boolean publishes, String address) throws IOException {
        this.publishes = publishes;
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
    }

    /**
     * ICE then DTLS, blocking the calling thread (a setup thread) for at most {@code timeoutMillis}.
     *
     * @param serverFingerprint "sha-256 AB:…" from the server's SDP
     * @param controlling       whether we offered (and so nominate); a full-ICE server that offered controls
     */
    void connect(InetSocketAddress server, String remoteUfrag, String remotePassword, String serverFingerprint, boolean controlling,
                 int timeoutMillis) throws IOException {
        remote = server;
        channel.connect(server);
        binding = new StunBinding(remoteUfrag, local.ufrag(), remotePassword, controlling);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(MAX_PACKET + 64);
            long nextCheck = 0;
            while (!checkAnswered) {
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IOException("no answer to the ICE check from " + server + " within " + timeoutMillis + " ms");
                }
                if (now >= nextCheck) {
                    sendCheck(controlling);
                    nextCheck = now + 100_000_000L;
                }
                if (selector.select(50) > 0) {
                    selector.selectedKeys().clear();
                    in.clear();
                    while (channel.read(in) > 0) {
                        handleStun(in.array(), in.position());
                        in.clear();
                    }
                }
            }
            DtlsClient client = new DtlsClient(serverFingerprint);
            new DTLSClientProtocol().connect(client, new HandshakeTransport(selector, deadline));
            SrtpKeyMaterial keys = client.keys();
            outbound = SrtpSession.outbound(keys, SrtpKeyMaterial.DtlsRole.CLIENT);
            inbound = SrtpSession.inbound(keys, SrtpKeyMaterial.DtlsRole.CLIENT);
        }
    }

    /** Our host candidate: the socket's address. */
    InetSocketAddress candidate() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The streams the server now says it sends (renegotiation), keeping the counts of known ones. */
    synchronized void expectStreams(int[] ssrcs, boolean[] video) {
        ReceivedStreams next = streams.with(ssrcs, video);
        for (ReceivedStream stream : next.streams) {
            if (!everStreams.contains(stream)) {
                everStreams.add(stream);
            }
        }
        streams = next;
    }

    ReceivedStream[] allStreams() {
        return everStreams.toArray(new ReceivedStream[0]);
    }

    boolean isConnected() {
        return outbound != null;
    }

    SrtpSession outbound() {
        return outbound;
    }

    SrtpSession inbound() {
        return inbound;
    }

    /** A consent-freshness check (RFC 7675); also keeps the worker from treating the peer as gone. */
    void sendCheck(boolean nominate) {
        synchronized (checkBuffer) {
            binding.write(checkBuffer, nominate);
            checkBuffer.flip();
            try {
                channel.write(checkBuffer);
            } catch (IOException ignored) {
                // counted as loss by whoever misses the answer
            }
        }
    }

    /** Handles a STUN datagram: notes answers to our checks, answers the server's checks (full ICE). */
    void handleStun(byte[] buf, int len) {
        if (StunBinding.isSuccess(buf, len)) {
            checkAnswered = true;
            return;
        }
        if (!StunBinding.isRequest(buf, len)) {
            return;
        }
        try {
            StunMessage request = StunMessage.parse(buf, 0, len);
            synchronized (stunOut) {
                BindingOutcome outcome = responder.respond(request, remote, stunOut, 0);
                if (outcome.hasResponse()) {
                    stunOutBuffer.clear().limit(outcome.responseLength());
                    channel.write(stunOutBuffer);
                }
            }
        } catch (StunParseException | IOException ignored) {
            // a malformed check is the server's problem; it will try again
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** bctls's view of the socket while the handshake runs: DTLS records only, STUN handled on the side. */
    private final class HandshakeTransport implements DatagramTransport {
        private final Selector selector;
        private final long deadline;
        private final ByteBuffer in = ByteBuffer.allocate(MAX_PACKET + 64);

        HandshakeTransport(Selector selector, long deadline) {
            this.selector = selector;
            this.deadline = deadline;
        }

        @Override
        public int getReceiveLimit() {
            return MAX_PACKET;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long until = Math.min(deadline, System.nanoTime() + waitMillis * 1_000_000L);
            while (true) {
                in.clear();
                if (channel.read(in) > 0) {
                    int n = in.position();
                    int first = in.array()[0] & 0xFF;
                    if (first <= 3) {
                        handleStun(in.array(), n);
                        continue;
                    }
                    if (first >= 20 && first <= 63) {
                        int copied = Math.min(n, len);
                        System.arraycopy(in.array(), 0, buf, off, copied);
                        return copied;
                    }
                    continue; // early SRTP/SRTCP from the server: nothing to decrypt it with yet
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                selector.select(Math.max(1, left / 1_000_000L));
                selector.selectedKeys().clear();
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            channel.write(ByteBuffer.wrap(buf, off, len));
        }

        @Override
        public void close() {
        }
    }
}
