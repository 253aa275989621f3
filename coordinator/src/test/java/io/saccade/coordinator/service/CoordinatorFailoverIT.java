package io.saccade.coordinator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.coordinator.testing.CoordinatorProcesses;
import io.saccade.coordinator.testing.RobotSide;
import io.saccade.coordinator.testing.ThumbnailFeed;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.robot.control.DecisionEvent;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three coordinator processes on a real broker, a thumbnail ring written at 100 frames per second and the robot's
 * real decision side: the leader is killed with SIGKILL and another member must take over, with the robot never
 * applying two leaders' decisions for one frame. The takeover time is printed, not asserted.
 */
class CoordinatorFailoverIT {
    @TempDir
    Path dir;

    @Test
    void shouldElectANewLeaderWhenTheLeaderIsKilledAndNeverApplyTwoLeadersToOneFrame() throws Exception {
        final Path shm = dir.resolve("shm");
        try (MosquittoBroker broker = MosquittoBroker.start(Files.createDirectories(dir.resolve("broker")));
             ThumbnailFeed feed = ThumbnailFeed.start(shm, TimeUnit.MILLISECONDS.toNanos(10));
             RobotSide robot = RobotSide.start(TestKeys.ROBOT);
             CoordinatorProcesses members = new CoordinatorProcesses(broker.settings("coordinator"), shm,
                 TestKeys.files(dir.resolve("keys")), robot.address(), 100, 300)) {
            for (final String member : List.of("coordinator-a", "coordinator-b", "coordinator-c")) {
                members.start(member);
            }
            final RobotSide.Applied first;
            try {
                first = robot.await(applied -> true, Duration.ofSeconds(60));
            } catch (final AssertionError ex) {
                throw new AssertionError(ex.getMessage() + "\n" + members.outputs(), ex);
            }
            final LeaderStamp before = first.leader();

            final long killedAt = members.kill(before.leader());
            final RobotSide.Applied takeover = robot.await(applied -> !applied.leader().equals(before),
                Duration.ofSeconds(20));

            assertTrue(takeover.frameSeq() <= feed.newestSeq(), "decisions are for frames the node wrote");
            assertNotEquals(before.leader(), takeover.leader().leader());
            assertTrue(takeover.leader().supersedes(before), takeover.leader() + " after " + before);
            robot.await(applied -> applied.frameSeq() > takeover.frameSeq() + 20, Duration.ofSeconds(20));
            assertOneLeaderPerFrameInEpochOrder(robot.applied());
            assertEquals(0, robot.count(DecisionEvent.BAD_MAC));
            System.out.printf("failover: %s (epoch %d) killed, %s (epoch %d) decided frame %d %.1f ms later%n",
                before.leader(), before.epoch(), takeover.leader().leader(), takeover.leader().epoch(),
                takeover.frameSeq(), (takeover.arrivedNanos() - killedAt) / 1e6);
        }
    }

    private static void assertOneLeaderPerFrameInEpochOrder(final List<RobotSide.Applied> applied) {
        final Set<Long> frames = new HashSet<>();
        LeaderStamp previous = null;
        long previousSeq = 0;
        for (final RobotSide.Applied decision : applied) {
            assertTrue(frames.add(decision.frameSeq()), "frame " + decision.frameSeq() + " applied twice");
            assertTrue(decision.frameSeq() > previousSeq, "frames out of order at " + decision.frameSeq());
            assertTrue(previous == null || decision.leader().compareTo(previous) >= 0,
                "leadership went back from " + previous + " to " + decision.leader());
            previous = decision.leader();
            previousSeq = decision.frameSeq();
        }
    }
}
