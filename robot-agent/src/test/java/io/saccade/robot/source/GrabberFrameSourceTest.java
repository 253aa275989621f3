package io.saccade.robot.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.saccade.robot.testing.TestVideos;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrabberFrameSourceTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadEveryFrameOfAVideoFileAndStopAtItsEnd() throws Exception {
        final Path video = TestVideos.write(dir.resolve("clip.avi"), 12, 320, 240);

        try (FrameSource source = FrameSources.open(SourceSpec.parse("file:" + video), 640, 480, 30, false, () -> 7L);
             CapturedFrame frame = new CapturedFrame()) {
            int frames = 0;
            while (source.grab(frame)) {
                frames++;
                assertEquals(320, frame.image().cols(), "the file's own size; the encoder resizes");
                assertEquals(3, frame.image().channels());
            }

            assertEquals(12, frames);
            assertFalse(source.isLive());
        }
    }

    @Test
    void shouldStartAVideoFileOverWhenLooping() throws Exception {
        final Path video = TestVideos.write(dir.resolve("loop.avi"), 5, 160, 120);

        try (FrameSource source = FrameSources.open(SourceSpec.parse(video.toString()), 160, 120, 30, true, () -> 0L);
             CapturedFrame frame = new CapturedFrame()) {
            for (int i = 0; i < 17; i++) {
                assertTrue(source.grab(frame), "frame " + i + " of a looping 5-frame clip");
            }
            assertTrue(source.describe().contains("looping"));
        }
    }

    @Test
    void shouldReadANetworkStreamAndKeepOnlyTheNewestFrame() throws Exception {
        final byte[] video = Files.readAllBytes(TestVideos.write(dir.resolve("stream.avi"), 30, 160, 120));
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/live.avi", exchange -> {
            exchange.sendResponseHeaders(200, video.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(video);
            }
        });
        server.start();
        final String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/live.avi";
        try (FrameSource source = FrameSources.open(SourceSpec.parse(url), 160, 120, 30, false, System::nanoTime);
             CapturedFrame frame = new CapturedFrame()) {
            assertTrue(source.isLive());
            assertTrue(source.grab(frame));
            assertEquals(160, frame.image().cols());
            await().atMost(Duration.ofSeconds(10)).until(() -> !source.grab(frame));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldNameAMissingFile() {
        final FrameSourceException refused = assertThrows(FrameSourceException.class,
            () -> FrameSources.open(SourceSpec.parse("file:" + dir.resolve("none.avi")), 640, 480, 30, true, () -> 0L));

        assertTrue(refused.getMessage().contains("none.avi"), refused.getMessage());
    }

    @Test
    void shouldNameAMissingCamera() {
        final FrameSourceException refused = assertThrows(FrameSourceException.class,
            () -> FrameSources.open(SourceSpec.parse("camera:/dev/video99"), 640, 480, 30, false, () -> 0L));

        assertTrue(refused.getMessage().contains("/dev/video99 does not exist"), refused.getMessage());
    }

    @Test
    void shouldNameAFileThatIsNotAVideo() throws Exception {
        final Path text = Files.writeString(dir.resolve("notes.avi"), "not a video");

        final FrameSourceException refused = assertThrows(FrameSourceException.class,
            () -> FrameSources.open(SourceSpec.parse(text.toString()), 640, 480, 30, false, () -> 0L));

        assertTrue(refused.getMessage().startsWith("cannot open file:"), refused.getMessage());
    }
}
