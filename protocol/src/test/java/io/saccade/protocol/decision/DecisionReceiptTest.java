package io.saccade.protocol.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DecisionReceiptTest {
    private static final String GOLDEN =
        "53524350"             // magic "SRCP"
        + "01" + "07" + "0000" // version, key id 7, reserved
        + "efbeadde"           // stream id
        + "00000000"           // reserved
        + "0807060504030201"   // frame seq
        + "0900000000000000"   // epoch 9
        + "e02e000000000000";  // arrived 12 ms after capture

    private final DecisionReceipt robot = new DecisionReceipt(new MessageAuthenticator(MacKey.of(7, new byte[32])));
    private final DecisionReceipt leader = new DecisionReceipt(new MessageAuthenticator(MacKey.of(7, new byte[32])));

    @Test
    void shouldWriteTheGoldenReceiptAndReadItBack() {
        final ByteBuffer receipt = robot.write(ByteBuffer.allocate(64), 0xdeadbeefL, 0x0102030405060708L, 9, 12_000);

        assertEquals(GOLDEN, HexFormat.of().formatHex(receipt.array(), 0, DecisionReceipt.TAG_OFFSET));
        assertEquals(DatagramVerdict.VALID, leader.verify(receipt));
        assertEquals(0xdeadbeefL, DecisionReceipt.streamId(receipt));
        assertEquals(0x0102030405060708L, DecisionReceipt.frameSeq(receipt));
        assertEquals(9, DecisionReceipt.epoch(receipt));
        assertEquals(12_000, DecisionReceipt.arrivedAfterCaptureMicros(receipt));
    }

    @Test
    void shouldRefuseForgedTruncatedAndForeignReceipts() {
        final ByteBuffer receipt = robot.write(ByteBuffer.allocate(64), 1, 2, 3, 4);
        receipt.put(DecisionReceipt.ARRIVED_OFFSET, (byte)1);

        assertEquals(DatagramVerdict.BAD_MAC, leader.verify(receipt));
        assertEquals(DatagramVerdict.TRUNCATED, leader.verify(receipt.duplicate().limit(20)));
        assertEquals(DatagramVerdict.UNKNOWN_KEY, new DecisionReceipt(new MessageAuthenticator(
            MacKey.of(8, new byte[32]))).verify(robot.write(ByteBuffer.allocate(64), 1, 2, 3, 4)));
        assertEquals(DatagramVerdict.BAD_MAGIC, leader.verify(ByteBuffer.allocate(DecisionReceipt.LENGTH)));
    }
}
