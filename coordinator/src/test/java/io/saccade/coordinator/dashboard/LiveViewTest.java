package io.saccade.coordinator.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.saccade.coordinator.effect.Thumbnail;
import io.saccade.coordinator.effect.ThumbnailHistory;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionTimings;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.ModelState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LiveViewTest {
    private final LiveView view = new LiveView();

    @Test
    void shouldServeTheNewestThumbnailAsAPngAtMostTenTimesASecond() throws Exception {
        assertNull(view.thumbnailPng(), "nothing before the first frame");
        view.thumbnail(thumbnail(1, (byte)10), 0);
        view.thumbnail(thumbnail(2, (byte)20), 50_000_000L);
        view.thumbnail(thumbnail(3, (byte)30), 100_000_000L);

        final BufferedImage image = ImageIO.read(new ByteArrayInputStream(view.thumbnailPng()));
        assertEquals(80, image.getWidth());
        assertEquals(60, image.getHeight());
        assertEquals(30, image.getRaster().getSample(5, 5, 0), "frame 3, not the rate-limited frame 2");
        assertEquals(3, view.thumbnailSeq());
    }

    @Test
    void shouldKeepTheNewestDecisionAndABoundedSeriesWithTheOldestEvidence() {
        for (long seq = 1; seq <= 700; seq++) {
            view.decision(decision(seq), seq);
        }

        assertEquals(700, view.decisions());
        assertEquals(700, view.decision().frameSeq());
        final List<LiveView.Point> series = view.series();
        assertEquals(600, series.size());
        assertEquals(101, series.getFirst().frameSeq());
        assertEquals(new LiveView.Point(700, 700, 5, 40_000, "SLOW"), series.getLast(), "the missing model's 0 "
            + "does not count; the oldest present evidence does");
    }

    private static Decision decision(final long seq) {
        return new Decision(1, seq, seq, Action.SLOW, "test", List.of(), List.of(
            new ModelState("ssd", Freshness.FRESH, seq - 1, 40_000), new ModelState("face", Freshness.FRESH, seq,
                10_000),
            new ModelState("pose", Freshness.MISSING, 0, 0)), new LeaderStamp("a", 1), new DecisionTimings(0, 5_000));
    }

    private static Thumbnail thumbnail(final long seq, final byte grey) {
        final byte[] pixels = new byte[80 * 60];
        Arrays.fill(pixels, grey);
        return new ThumbnailHistory(2, 80, 60).put(1, seq, 0, 0, MemorySegment.ofArray(pixels));
    }
}
