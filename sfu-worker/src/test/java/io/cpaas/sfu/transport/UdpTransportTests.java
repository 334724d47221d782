package io.cpaas.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The media socket over real UDP on loopback, a plain JDK socket as its peer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UdpTransportTests {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final AtomicReference<DatagramHandler> handler = new AtomicReference<>();
    private UdpTransport transport;
    private DatagramSocket peer;

    @BeforeEach
    void open() throws IOException {
        transport = new UdpTransport(new InetSocketAddress(LOOPBACK, 0), (buf, len, source) -> handler.get().onDatagram(buf, len, source));
        peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        peer.setReceiveBufferSize(4 * 1024 * 1024);
        peer.setSoTimeout(5_000);
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        transport.close();
    }

    @Test
    void onLinuxTheForwardingSendsGoToTheKernelInBatches() {
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertTrue(transport.batching(), "Netty's epoll transport must load here: without it every datagram is a system call");
        }
    }

    @Test
    void aFanOutLargerThanOneBatchArrivesWholeInOrderAndIntact() throws IOException {
        int copies = 5 * UdpTransport.BATCH + 7;
        handler.set((buf, len, source) -> {
            byte[] datagram = Arrays.copyOf(buf, 1200);
            for (int i = 0; i < copies; i++) {
                // The caller's buffer is reused at once, as the forwarding path reuses its send buffer.
                ByteBuffer.wrap(datagram).putInt(len, i);
                transport.send(source, datagram, 0, 1200);
            }
        });

        send(new byte[] {(byte) 0x80, 1, 2, 3});

        byte[] expected = new byte[1200];
        System.arraycopy(new byte[] {(byte) 0x80, 1, 2, 3}, 0, expected, 0, 4);
        for (int i = 0; i < copies; i++) {
            ByteBuffer.wrap(expected).putInt(4, i);
            assertArrayEquals(expected, receive(), "datagram " + i);
        }
        assertEquals(1, transport.received());
        assertEquals(copies, transport.sent());
        assertEquals(0, transport.sendFailures());
    }

    @Test
    void flushHandsTheQueuedSendsToTheKernelBeforeTheHandlerReturns() throws Exception {
        CountDownLatch peerGotIt = new CountDownLatch(1);
        CompletableFuture<Boolean> arrivedWhileHandling = new CompletableFuture<>();
        handler.set((buf, len, source) -> {
            transport.send(source, new byte[] {5}, 0, 1);
            transport.flush();
            try {
                arrivedWhileHandling.complete(peerGotIt.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        send(new byte[] {1});
        assertArrayEquals(new byte[] {5}, receive());
        peerGotIt.countDown();

        assertTrue(arrivedWhileHandling.get(10, TimeUnit.SECONDS), "the send waited for the end of the read");
    }

    @Test
    void aPortAlreadyTakenIsAClearError() {
        IOException refused = assertThrows(IOException.class, () -> new UdpTransport(transport.localAddress(), (buf, len, source) -> { }));

        assertTrue(refused.getMessage().startsWith("cannot bind " + transport.localAddress()), refused.getMessage());
    }

    @Test
    void aSendFromAnotherThreadLeavesAtOnce() throws IOException {
        transport.send((InetSocketAddress) peer.getLocalSocketAddress(), new byte[] {9, 8, 7}, 1, 2);

        assertArrayEquals(new byte[] {8, 7}, receive());
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheSocketGoesOn() throws IOException {
        handler.set((buf, len, source) -> {
            if (buf[0] == 1) {
                throw new IllegalStateException("a bug triggered by one datagram");
            }
            transport.send(source, buf, 0, len);
        });

        send(new byte[] {1});
        send(new byte[] {2, 3});

        assertArrayEquals(new byte[] {2, 3}, receive());
        assertEquals(1, transport.handlerFailures());
        assertEquals(2, transport.received());
    }

    private void send(byte[] datagram) throws IOException {
        peer.send(new DatagramPacket(datagram, datagram.length, transport.localAddress()));
    }

    private byte[] receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        peer.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
