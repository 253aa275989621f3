package io.saccade.coordinator.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.Box;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegionChangeTest {
    private static final int W = 80;
    private static final int H = 60;
    /** The left half of the frame, where the "object" is drawn. */
    private static final Box LEFT = new Box(0.1f, 0.2f, 0.4f, 0.8f);
    /** The right half, which the tests change. */
    private static final Box RIGHT = new Box(0.6f, 0.2f, 0.9f, 0.8f);

    private final RegionChange change = new RegionChange(0.1f, 12);
    private final Random random = new Random(3);

    @Test
    void shouldScoreAnUnchangedRegionZeroWhateverHappensElsewhere() {
        final byte[] before = scene(0, 0);
        final byte[] after = scene(0, 0);
        fill(after, RIGHT, 250);

        assertEquals(0f, change.score(thumbnail(before, 1), thumbnail(after, 2), LEFT));
        assertTrue(change.score(thumbnail(before, 1), thumbnail(after, 2), RIGHT) > 0.5f);
    }

    @Test
    void shouldIgnoreSensorNoiseBelowTheFloor() {
        final byte[] before = scene(0, 0);
        final byte[] after = scene(0, 8);

        assertEquals(0f, change.score(thumbnail(before, 1), thumbnail(after, 2), LEFT));
    }

    @Test
    void shouldIgnoreAnExposureChangeThatShiftsTheWholeRegion() {
        final byte[] before = scene(0, 0);
        final byte[] after = scene(40, 0);

        assertEquals(0f, change.score(thumbnail(before, 1), thumbnail(after, 2), LEFT));
    }

    @Test
    void shouldScoreAnObjectThatMovedOutOfItsBox() {
        final byte[] before = scene(0, 0);
        fill(before, LEFT, 220);
        final byte[] after = scene(0, 0);
        fill(after, RIGHT, 220);

        final float moved = change.score(thumbnail(before, 1), thumbnail(after, 2), LEFT);

        assertTrue(moved > 0.6f, "the object left the box: " + moved);
    }

    @Test
    void shouldCountSomethingEnteringTheMarginAroundTheBox() {
        final byte[] before = scene(0, 0);
        final byte[] after = scene(0, 0);
        fill(after, new Box(0.38f, 0.2f, 0.44f, 0.8f), 250);
        final Box nextToIt = new Box(0.1f, 0.2f, 0.35f, 0.8f);

        assertTrue(new RegionChange(0.3f, 12).score(thumbnail(before, 1), thumbnail(after, 2), nextToIt) > 0f);
        assertEquals(0f, new RegionChange(0f, 12).score(thumbnail(before, 1), thumbnail(after, 2), nextToIt));
    }

    @Test
    void shouldHandleBoxesOnTheEdgeAndDegenerateBoxes() {
        final byte[] before = scene(0, 0);
        final byte[] after = scene(0, 0);
        fill(after, new Box(0.95f, 0.95f, 1f, 1f), 255);

        assertTrue(change.score(thumbnail(before, 1), thumbnail(after, 2), new Box(0.97f, 0.97f, 1f, 1f)) > 0f);
        assertEquals(0f, change.score(thumbnail(before, 1), thumbnail(after, 2), new Box(0f, 0f, 0f, 0f)));
    }

    @Test
    void shouldScoreThumbnailsOfDifferentSizesAsChanged() {
        assertEquals(1f, change.score(new Thumbnail(80, 60), new Thumbnail(64, 48), LEFT));
    }

    /** A textured background (so a shifted region is not uniform), plus an exposure offset and noise. */
    private byte[] scene(final int exposure, final int noise) {
        final byte[] pixels = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                final int texture = 60 + (x * 7 + y * 13) % 90;
                final int jitter = noise == 0 ? 0 : random.nextInt(2 * noise + 1) - noise;
                pixels[y * W + x] = (byte)Math.clamp(texture + exposure + jitter, 0, 255);
            }
        }
        return pixels;
    }

    private static void fill(final byte[] pixels, final Box box, final int grey) {
        for (int y = (int)(box.y0() * H); y < (int)Math.ceil(box.y1() * H); y++) {
            for (int x = (int)(box.x0() * W); x < (int)Math.ceil(box.x1() * W); x++) {
                pixels[y * W + x] = (byte)grey;
            }
        }
    }

    private static Thumbnail thumbnail(final byte[] pixels, final long seq) {
        final ThumbnailHistory history = new ThumbnailHistory(2, W, H);
        return history.put(1, seq, seq * 33_000_000L, 0, MemorySegment.ofArray(pixels));
    }
}
