package io.cpaas.sfu.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The worker's one UDP socket: every peer of every room comes through it. One thread receives and
 * hands each datagram to the {@link DatagramHandler}; any thread may send.
 *
 * <p>The receive thread does most of the sending (it forwards each packet to every subscriber), and a
 * system call per datagram is most of what a send costs (~1.6 µs of 3 µs on a VM with page-table
 * isolation). So the sends it makes while handling a received datagram are queued and handed to the
 * kernel together, {@code sendmmsg} through Netty's epoll transport, when that datagram is handled,
 * when the forwarding of a packet is done ({@link #flush}) or when {@link #BATCH} sends are waiting.
 * Sends from other threads go out at once. Where Netty's epoll transport is not available (not Linux),
 * its selector transport does the same with one system call per datagram.
 *
 * <p>A datagram that finds more than {@link #QUEUE_LIMIT_BYTES} waiting for the socket is dropped and
 * counted as a failed send: late media is worth less than none, and the queue must not grow without end.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UdpTransport.class);
    public static final int MAX_DATAGRAM = 1500;
    /** Sends the receive thread queues before they go to the kernel anyway: bounds the first subscriber's wait. */
    static final int BATCH = 64;
    static final int QUEUE_LIMIT_BYTES = 4 * 1024 * 1024;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final EventLoopGroup loop;
    private final Channel channel;
    private final boolean batching;
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    /** Whether the receive thread is handling a datagram, and the sends it queued meanwhile; that thread's only. */
    private boolean handling;
    private int queued;

    public UdpTransport(InetSocketAddress bind, DatagramHandler handler) throws IOException {
        batching = Epoll.isAvailable();
        ThreadFactory receiveThread = task -> {
            Thread thread = new FastThreadLocalThread(task, "udp-rx-" + bind.getPort());
            thread.setDaemon(true);
            return thread;
        };
        loop = batching ? new EpollEventLoopGroup(1, receiveThread) : new NioEventLoopGroup(1, receiveThread);
        Bootstrap bootstrap = new Bootstrap().group(loop)
                .channel(batching ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM + 64))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(QUEUE_LIMIT_BYTES / 2, QUEUE_LIMIT_BYTES))
                .handler(new Receiver(handler));
        ChannelFuture bound = bootstrap.bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot bind " + bind + ": " + bound.cause().getMessage(), bound.cause());
        }
        channel = bound.channel();
        if (!batching) {
            LOG.infof("Netty's epoll transport is not available here (%s): one system call per datagram sent",
                    Epoll.unavailabilityCause());
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Sends a copy of {@code buf[off, off+len)}: the caller may reuse its buffer as soon as this returns. */
    public void send(InetSocketAddress to, byte[] buf, int off, int len) {
        if (!channel.isWritable()) {
            sendFailures.increment();
            return;
        }
        ByteBuf copy = channel.alloc().directBuffer(len, len).writeBytes(buf, off, len);
        DatagramPacket datagram = new DatagramPacket(copy, to);
        sent.increment();
        if (channel.eventLoop().inEventLoop() && handling) {
            channel.write(datagram, channel.voidPromise());
            if (++queued >= BATCH) {
                flushQueued();
            }
        } else {
            channel.writeAndFlush(datagram, channel.voidPromise());
        }
    }

    /**
     * Hands what the receive thread queued to the kernel now rather than when the datagram is handled,
     * so that a forwarded packet's time to its last subscriber is what the metrics say; elsewhere a
     * no-op (other threads' sends are not queued).
     */
    public void flush() {
        if (channel.eventLoop().inEventLoop() && queued > 0) {
            flushQueued();
        }
    }

    /** Whether sends are handed to the kernel in batches here (Linux with Netty's epoll transport). */
    public boolean batching() {
        return batching;
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
        try {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private void flushQueued() {
        queued = 0;
        channel.flush();
    }

    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {

        private final DatagramHandler handler;
        private final byte[] array = new byte[MAX_DATAGRAM + 64];

        Receiver(DatagramHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket datagram) {
            received.increment();
            ByteBuf content = datagram.content();
            int length = Math.min(content.readableBytes(), array.length);
            content.getBytes(content.readerIndex(), array, 0, length);
            handling = true;
            try {
                handler.onDatagram(array, length, datagram.sender());
            } catch (RuntimeException e) {
                // A bug triggered by one datagram must not stop the socket for everyone.
                handlerFailures.increment();
                LOG.warnf(e, "datagram handler failed");
            } finally {
                handling = false;
                if (queued > 0) {
                    flushQueued();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            // Failed sends (their promise is the channel's void one) and failed reads both land here.
            if (cause instanceof IOException) {
                sendFailures.increment();
                LOG.debugf("media socket: %s", cause.getMessage());
            } else {
                LOG.warnf(cause, "media socket");
            }
        }
    }
}
