package io.cpaas.sfu.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The worker's one UDP socket: every peer of every room comes through it. One thread receives and
 * hands each datagram to the {@link DatagramHandler}; any thread may send.
 *
 * <p>The receive thread does most of the sending (it forwards each packet to every subscriber), so it
 * has a direct buffer of its own for both directions: the JDK copies a heap buffer into a thread-local
 * direct one on every receive and send anyway (and wrapping the array allocated per send), so copying
 * into our own is the same one copy with no allocation and no thread-local lookup per packet.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UdpTransport.class);
    public static final int MAX_DATAGRAM = 1500;

    private final DatagramChannel channel;
    private final Thread receiver;
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    private volatile boolean open = true;
    /** The receive thread's datagram buffer, for receiving and for the sends it makes. */
    private final ByteBuffer receiverOut = ByteBuffer.allocateDirect(MAX_DATAGRAM + 64);

    public UdpTransport(InetSocketAddress bind, DatagramHandler handler) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
        channel.bind(bind);
        receiver = new Thread(() -> receiveLoop(handler), "udp-rx-" + bind.getPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(InetSocketAddress to, byte[] buf, int off, int len) {
        try {
            if (Thread.currentThread() == receiver && len <= receiverOut.capacity()) {
                receiverOut.clear();
                receiverOut.put(buf, off, len).flip();
                channel.send(receiverOut, to);
            } else {
                channel.send(ByteBuffer.wrap(buf, off, len), to);
            }
            sent.increment();
        } catch (IOException e) {
            sendFailures.increment();
        }
    }

    public long received() {
        return received.sum();
    }

    public long sent() {
        return sent.sum();
    }

    public long sendFailures() {
        return sendFailures.sum();
    }

    public long handlerFailures() {
        return handlerFailures.sum();
    }

    @Override
    public void close() throws IOException {
        open = false;
        channel.close();
    }

    private void receiveLoop(DatagramHandler handler) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 64);
        byte[] array = new byte[MAX_DATAGRAM + 64];
        while (open) {
            try {
                buffer.clear();
                InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
                if (source == null) {
                    continue;
                }
                received.increment();
                int length = buffer.flip().remaining();
                buffer.get(array, 0, length);
                handler.onDatagram(array, length, source);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.debugf("receive failed: %s", e.getMessage());
            } catch (RuntimeException e) {
                // A bug triggered by one datagram must not stop the socket for everyone.
                handlerFailures.increment();
                LOG.warnf(e, "datagram handler failed");
            }
        }
    }
}
