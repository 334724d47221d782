package io.cpaas.sfu.dtls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the DTLS record-layer entry: the datagrams a latched peer sends
 * reach bctls' {@code DTLSServerProtocol.accept} through our {@link DatagramQueueTransport} and our
 * {@link DtlsSrtpServer} (what {@link DtlsServerSession} runs on its executor thread). Whatever the
 * datagrams, the handshake ends in an {@link IOException} (alert, timeout, nothing more to read) or
 * completes; a {@link RuntimeException} would surface in production as a {@code DtlsFailure} of kind
 * INTERNAL_ERROR, and here fails the run. The input is a sequence of datagrams, each prefixed by its
 * length (two bytes); the seed is a real ClientHello from bctls' own client, made at run time.
 */
class DtlsHandshakeFuzzTests {

    private static final DtlsCertificate SERVER = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT = DtlsCertificate.generate();

    @MethodSource("clientHellos")
    @FuzzTest(maxDuration = "5s")
    void anyDatagramsEndTheHandshakeWithAnIoExceptionOrComplete(byte[] input) throws Exception {
        DatagramQueueTransport transport = new DatagramQueueTransport(DtlsServerSession.QUEUE_CAPACITY,
                DtlsServerSession.MTU, sent -> { }, new AtomicLong());
        for (byte[] datagram : datagrams(input)) {
            transport.offer(datagram);
        }
        // Once the queue is empty the transport says so at once (NoDatagram, an InterruptedIOException).
        transport.switchToNonBlocking();
        DtlsSrtpServer server = new DtlsSrtpServer(SERVER, DtlsFingerprint.parse(CLIENT.fingerprint()), 1_000);
        try {
            new DTLSServerProtocol().accept(server, transport).close();
        } catch (IOException refusedOrUnfinished) {
            // what every hostile or incomplete handshake must end in
        }
    }

    /** Length-prefixed datagrams; a last, truncated one is taken as it is. */
    static List<byte[]> datagrams(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < input.length && out.size() < DtlsServerSession.QUEUE_CAPACITY) {
            int length = at + 1 < input.length ? ((input[at] & 0xFF) << 8 | input[at + 1] & 0xFF) : 0;
            at += 2;
            int end = Math.min(input.length, at + Math.min(length, DatagramQueueTransport.MAX_DATAGRAM_SIZE));
            out.add(java.util.Arrays.copyOfRange(input, Math.min(at, input.length), end));
            at = end;
        }
        return out;
    }

    /** The first flight of bctls' client as a browser would send it (use_srtp, a client certificate ready). */
    static Stream<byte[]> clientHellos() throws Exception {
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        DatagramTransport capture = new DatagramTransport() {
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
                throw new IOException("seed captured");
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                flight.write(len >> 8);
                flight.write(len);
                flight.write(buf, off, len);
            }

            @Override
            public void close() {
            }
        };
        TestDtlsClient client = new TestDtlsClient(CLIENT, new int[] {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
                SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, SERVER.fingerprint());
        try {
            new DTLSClientProtocol().connect(client, capture);
        } catch (IOException expected) {
            // the capture ends the handshake after the first flight
        }
        return Stream.of(flight.toByteArray());
    }
}
