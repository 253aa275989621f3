package io.saccade.preprocess.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerRelayTest {
    @Test
    void shouldLeaveThisNodeOutOfAPeerListThatNamesEveryNode() {
        final InetSocketAddress self = new InetSocketAddress("127.0.0.1", 7000);
        final InetSocketAddress sameMachineOtherNode = new InetSocketAddress("127.0.0.1", 7001);
        final InetSocketAddress remote = new InetSocketAddress("192.0.2.10", 7000); // TEST-NET-1: never local

        assertEquals(List.of(sameMachineOtherNode, remote), PeerRelay.others(List.of(self, sameMachineOtherNode,
            remote), 7000));
    }
}
