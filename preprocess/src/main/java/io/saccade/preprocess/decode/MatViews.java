package io.saccade.preprocess.decode;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenCV matrices laid over shared memory, so conversions write straight into a slot ring's payload. A ring has a
 * handful of slots, so the headers are made once per slot address and reused.
 */
final class MatViews implements AutoCloseable {
    private final List<MemorySegment> segments = new ArrayList<>();
    private final List<Mat[]> views = new ArrayList<>();
    private final int rows;
    private final int cols;
    private final int type;
    private final int planes;
    private final long planeBytes;

    /**
     * @param rows       rows of each matrix.
     * @param cols       columns of each matrix.
     * @param type       OpenCV type of each matrix.
     * @param planes     matrices per payload, one after another (1 for interleaved layouts, channels for planar).
     * @param planeBytes bytes of each matrix.
     */
    MatViews(final int rows, final int cols, final int type, final int planes, final long planeBytes) {
        this.rows = rows;
        this.cols = cols;
        this.type = type;
        this.planes = planes;
        this.planeBytes = planeBytes;
    }

    /**
     * @param payload a slot's payload.
     * @return the matrices over it: one, or one per plane.
     */
    Mat[] over(final MemorySegment payload) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).address() == payload.address()) {
                return views.get(i);
            }
        }
        final Mat[] mats = new Mat[planes];
        for (int plane = 0; plane < planes; plane++) {
            final MemorySegment slice = payload.asSlice(plane * planeBytes, planeBytes);
            mats[plane] = new Mat(rows, cols, type, new BytePointer(slice.asByteBuffer()));
        }
        segments.add(payload);
        views.add(mats);
        return mats;
    }

    @Override
    public void close() {
        views.forEach(mats -> {
            for (final Mat mat : mats) {
                mat.close();
            }
        });
        views.clear();
        segments.clear();
    }
}
