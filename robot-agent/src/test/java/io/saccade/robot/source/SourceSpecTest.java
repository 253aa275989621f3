package io.saccade.robot.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SourceSpecTest {
    @Test
    void shouldRecogniseEveryKindOfSource() {
        assertEquals(new SourceSpec(SourceSpec.Kind.SYNTHETIC, ""), SourceSpec.parse("synthetic"));
        assertEquals(new SourceSpec(SourceSpec.Kind.FILE, "/data/vtest.avi"), SourceSpec.parse("file:/data/vtest.avi"));
        assertEquals(new SourceSpec(SourceSpec.Kind.FILE, "clip.MP4"), SourceSpec.parse("clip.MP4"));
        assertEquals(SourceSpec.Kind.STREAM, SourceSpec.parse("rtsp://cam.local:554/stream").kind());
        assertEquals(SourceSpec.Kind.STREAM, SourceSpec.parse("http://10.0.0.2/video.mjpg").kind());
        assertEquals(2, SourceSpec.parse("camera:/dev/video2").cameraIndex());
        assertEquals(0, SourceSpec.parse("camera:0").cameraIndex());
    }

    @Test
    void shouldRefuseWhatNamesNoSource() {
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("webcam"));
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("camera:front").cameraIndex());
    }
}
