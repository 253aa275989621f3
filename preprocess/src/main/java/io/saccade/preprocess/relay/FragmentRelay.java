package io.saccade.preprocess.relay;

import java.nio.ByteBuffer;

/** Passes fragments a node received from the robot on to its peer nodes. */
public interface FragmentRelay {
    /** A relay for a node without peers. */
    FragmentRelay NONE = new FragmentRelay() {
        @Override
        public void forward(final ByteBuffer datagram, final int offset, final int length) {
            // No peers.
        }

        @Override
        public void flush() {
            // No peers.
        }
    };

    /**
     * Queues a copy of the datagram, marked as relayed and signed again, for every peer.
     *
     * @param datagram holding the fragment.
     * @param offset   where it starts.
     * @param length   its length.
     */
    void forward(ByteBuffer datagram, int offset, int length);

    /** Sends what was queued. */
    void flush();
}
