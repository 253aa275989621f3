package io.saccade.preprocess.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP forwarder on 127.0.0.1 that drops a fixed fraction of datagrams at random (seeded, so runs repeat), standing
 * in for a lossy WiFi link where the kernel has no netem.
 */
public final class LossyRelay implements AutoCloseable {
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final double lossRate;
    private final Random random;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

    /**
     * @param target   where surviving datagrams go.
     * @param lossRate fraction dropped, 0..1.
     * @param seed     seeds the drop decisions.
     * @throws IOException when the socket cannot be bound.
     */
    public LossyRelay(final InetSocketAddress target, final double lossRate, final long seed) throws IOException {
        this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.target = target;
        this.lossRate = lossRate;
        this.random = new Random(seed);
        this.thread = Thread.ofPlatform().name("lossy-relay").daemon().start(this::run);
    }

    private void run() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        try {
            while (true) {
                buffer.clear();
                final SocketAddress source = channel.receive(buffer);
                if (source == null || source.equals(target)) {
                    continue; // one way only: the node's clock probes back to the "robot" are not the measured stream
                }
                buffer.flip();
                if (random.nextDouble() < lossRate) {
                    dropped.incrementAndGet();
                } else {
                    channel.send(buffer, target);
                    forwarded.incrementAndGet();
                }
            }
        } catch (final ClosedChannelException ex) {
            return;
        } catch (final IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** @return where to send datagrams to go through the relay. */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    /** @return datagrams passed on. */
    public long forwarded() {
        return forwarded.get();
    }

    /** @return datagrams dropped. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(5_000);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
