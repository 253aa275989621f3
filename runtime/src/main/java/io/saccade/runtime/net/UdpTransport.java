package io.saccade.runtime.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One UDP socket on its own Netty event loop: epoll where the native transport loads (reading batches of datagrams
 * with {@code recvmmsg}, writing flushed batches with {@code sendmmsg}), NIO elsewhere. The receive buffer per
 * datagram is sized explicitly (Netty's default of 2048 bytes silently truncates larger datagrams) and
 * the kernel receive buffer is asked for what bursts need; the kernel may grant less (net.core.rmem_max), which
 * {@link #receiveBufferBytes()} tells.
 */
public final class UdpTransport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());
    private static final int READ_BATCH = 16;
    /**
     * {@code -Dsaccade.udp.batchReads=false}: one {@code recvmsg} per datagram instead of {@code recvmmsg}, for
     * environments that do not implement it (qemu-user 7.2 fails it with ENOPROTOOPT; the arm64 test run uses this).
     */
    private static final boolean BATCH_READS =
        Boolean.parseBoolean(System.getProperty("saccade.udp.batchReads", "true"));

    private final EventLoopGroup group;
    private final DatagramChannel channel;

    private UdpTransport(final EventLoopGroup group, final DatagramChannel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds a socket.
     *
     * @param bind               address to bind; port 0 lets the OS choose.
     * @param maxDatagramBytes   largest datagram to receive whole.
     * @param socketReceiveBytes kernel receive buffer to ask for.
     * @param handler            the channel's handler.
     * @param threadName         the name of its I/O thread (Netty's event loop, the one thread this transport owns).
     * @return the bound transport.
     * @throws InterruptedException when interrupted while binding.
     */
    public static UdpTransport bind(final InetSocketAddress bind, final int maxDatagramBytes,
                                    final int socketReceiveBytes, final ChannelHandler handler,
                                    final String threadName) throws InterruptedException {
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            Thread.ofPlatform().name(threadName).factory(), io);
        try {
            final Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(channelFactory(epoll))
                .option(ChannelOption.SO_RCVBUF, socketReceiveBytes)
                .handler(handler);
            if (epoll && BATCH_READS) {
                // recvmmsg: up to READ_BATCH datagrams per system call, each sliced out of one pooled buffer.
                bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagramBytes)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                    maxDatagramBytes * READ_BATCH));
            } else {
                bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramBytes));
            }
            final Channel channel = bootstrap.bind(bind).sync().channel();
            final UdpTransport transport = new UdpTransport(group, (DatagramChannel)channel);
            LOG.log(System.Logger.Level.DEBUG, "UDP {0} on {1}, kernel receive buffer {2,number,#} bytes", io(),
                transport.localAddress(), transport.receiveBufferBytes());
            return transport;
        } catch (final InterruptedException | RuntimeException ex) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw ex;
        }
    }

    /**
     * @return how sockets bound here read and write: {@code epoll, recvmmsg} (or {@code recvmsg}), or {@code NIO}
     *         with the reason Netty's epoll native did not load (e.g. no JAR for this architecture).
     */
    public static String io() {
        if (Epoll.isAvailable()) {
            return BATCH_READS ? "epoll, recvmmsg" : "epoll, recvmsg";
        }
        return "NIO (epoll unavailable: " + Epoll.unavailabilityCause() + ")";
    }

    private static ChannelFactory<DatagramChannel> channelFactory(final boolean epoll) {
        return epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
    }

    /** @return the bound socket. */
    public DatagramChannel channel() {
        return channel;
    }

    /** @return the address the socket is bound to, with the port the OS chose. */
    public InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    /** @return the kernel receive buffer granted. */
    public int receiveBufferBytes() {
        return channel.config().getReceiveBufferSize();
    }

    /** Closes the socket and stops its event loop, waiting at most a second. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
