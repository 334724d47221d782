package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.sfu.dtls.DtlsCertificate;
import io.cpaas.sfu.dtls.DtlsServerSession;
import io.cpaas.sfu.dtls.TestDtlsClient;
import io.cpaas.sfu.stun.StunMessage;
import io.cpaas.sfu.stun.StunParseException;
import io.cpaas.sfu.stun.StunRequestBuilder;
import io.cpaas.sfu.transport.UdpTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One peer connection over real UDP on loopback, the worker's demultiplexer reduced to its two rules (STUN by
 * ufrag, the rest from the latched address), and a bctls DTLS client that checks in as a browser does.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerConnectionTests {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DtlsCertificate workerCertificate = DtlsCertificate.generate();
    private final DtlsCertificate clientCertificate = DtlsCertificate.generate();
    private final PeerConnectionRegistry registry = new PeerConnectionRegistry();
    private final AtomicReference<PeerConnection> connection = new AtomicReference<>();
    private final AtomicInteger dtlsFromPeer = new AtomicInteger();
    private final CountDownLatch connected = new CountDownLatch(1);
    private ExecutorService dtlsThreads;
    private UdpTransport transport;
    private DatagramSocket client;

    @BeforeEach
    void openConnectionAndClient() throws IOException {
        dtlsThreads = DtlsServerSession.newExecutor(2);
        transport = new UdpTransport(new InetSocketAddress(LOOPBACK, 0), (buf, len, source) -> {
            PeerConnection peer = connection.get();
            if ((buf[0] & 0xFF) <= 3) {
                try {
                    peer.onStun(StunMessage.parse(buf, 0, len), source);
                } catch (StunParseException e) {
                    throw new IllegalStateException(e);
                }
            } else if (registry.byAddress(source) == peer) {
                dtlsFromPeer.incrementAndGet();
                peer.onDtls(buf, 0, len);
            }
        });
        connection.set(new PeerConnection("test/subscribe", PeerConnection.Role.SUBSCRIBE, workerCertificate, transport, registry,
                dtlsThreads, new PeerConnection.Listener() {
                    @Override
                    public void connected(PeerConnection c) {
                        connected.countDown();
                    }

                    @Override
                    public void rtp(PeerConnection c, byte[] buf, int off, int len) {
                    }

                    @Override
                    public void rtcp(PeerConnection c, byte[] buf, int off, int len) {
                    }

                    @Override
                    public void failed(PeerConnection c, String why) {
                    }
                }));
        client = new DatagramSocket(0, LOOPBACK);
        client.connect(transport.localAddress());
    }

    @AfterEach
    void close() throws IOException {
        connection.get().close();
        transport.close();
        client.close();
        dtlsThreads.shutdownNow();
    }

    @Test
    void aClientHelloThatComesBeforeTheAnswerIsAnsweredWhenTheAnswerArrives() throws Exception {
        PeerConnection peer = connection.get();
        checkIn(peer);

        // The browser starts DTLS as soon as its ICE check is answered; its SDP answer is still on its way.
        TestDtlsClient dtlsClient = new TestDtlsClient(clientCertificate, new int[] {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM},
                workerCertificate.fingerprint()).resendingAfter(60_000); // a dropped ClientHello would not be sent again in time
        CompletableFuture<DTLSTransport> handshake = CompletableFuture.supplyAsync(() -> {
            try {
                return new DTLSClientProtocol().connect(dtlsClient, new ClientTransport(client));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dtlsFromPeer.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(dtlsFromPeer.get() > 0, "the ClientHello reached the connection before its answer");

        peer.expectDtls(clientCertificate.fingerprint());

        assertNotNull(handshake.get(10, TimeUnit.SECONDS), "the handshake completed from the first ClientHello");
        assertTrue(connected.await(5, TimeUnit.SECONDS), "the connection has its SRTP keys");
        assertTrue(peer.isConnected());
    }

    @Test
    void beforeTheAnswerAFewDatagramsAreKeptAndClosingDropsThem() throws Exception {
        PeerConnection peer = connection.get();
        checkIn(peer);
        int sent = 3 * PeerConnection.EARLY_DTLS_DATAGRAMS;
        for (int i = 0; i < sent; i++) {
            byte[] record = new byte[100];
            record[0] = 22; // a handshake record, as far as the demultiplexer can tell
            client.send(new DatagramPacket(record, record.length));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dtlsFromPeer.get() < sent && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(sent, dtlsFromPeer.get());
        assertEquals(PeerConnection.EARLY_DTLS_DATAGRAMS, peer.earlyDtlsKept());

        peer.close();
        peer.expectDtls(clientCertificate.fingerprint()); // too late: a closed connection starts no handshake

        assertEquals(0, peer.earlyDtlsKept());
        assertEquals(1, connected.getCount());
    }

    /** The browser's nominating ICE check: from its answer on, the worker takes this address's datagrams as the peer's. */
    private void checkIn(PeerConnection peer) throws IOException {
        byte[] check = StunRequestBuilder.bindingRequest()
                .username(peer.localIce().ufrag() + ":client")
                .priority(0x6E7F1EFF)
                .iceControlling(42)
                .useCandidate()
                .messageIntegrity(peer.localIce().password())
                .fingerprint()
                .build();
        client.send(new DatagramPacket(check, check.length));
        byte[] answer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(answer, answer.length);
        client.setSoTimeout(5000);
        client.receive(packet);
        assertEquals(0x0101, ((answer[0] & 0xFF) << 8) | (answer[1] & 0xFF), "a binding success response");
        // The worker answers, then latches the address: the answer can be here first.
        InetSocketAddress ours = (InetSocketAddress) client.getLocalSocketAddress();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registry.byAddress(ours) != peer && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(peer, registry.byAddress(ours));
    }

    /** bctls' view of the client's socket: DTLS datagrams only (late STUN answers are skipped). */
    private record ClientTransport(DatagramSocket socket) implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    return -1;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buf, off, len);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return -1;
                }
                if ((buf[off] & 0xFF) >= 20 && (buf[off] & 0xFF) <= 63) {
                    return packet.getLength();
                }
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            socket.send(new DatagramPacket(buf, off, len));
        }

        @Override
        public void close() {
        }
    }
}
