package dev.companion.app.browser;

import dev.companion.app.thread.FxThread;
import java.awt.Rectangle;
import java.nio.ByteBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Chromium's paints into a JavaFX image. {@link #paint} (CEF UI thread) copies only the dirty rows
 * into a staging copy of the view and schedules one upload; {@link #upload} (JavaFX thread) copies
 * the dirty rectangle into the {@link PixelBuffer} behind the {@link ImageView}'s image (BGRA
 * premultiplied, CEF's format) and overlays the popup widget (an open select's list) if shown.
 */
final class FramePainter {
    private final ImageView imageView;
    private final Object lock = new Object();
    // guarded by lock
    private ByteBuffer view;
    private int viewW;
    private int viewH;
    private ByteBuffer popup;
    private int popupW;
    private int popupH;
    private Rectangle popupRect = new Rectangle();
    private boolean popupShown;
    private int dirtyX0 = Integer.MAX_VALUE;
    private int dirtyY0 = Integer.MAX_VALUE;
    private int dirtyX1;
    private int dirtyY1;
    private boolean uploadPending;
    // JavaFX thread only
    private PixelBuffer<ByteBuffer> pixels;
    // statistics
    private volatile long paints;
    private volatile long uploads;
    private volatile long uploadNanos;

    FramePainter(ImageView imageView) {
        this.imageView = imageView;
    }

    void paint(boolean isPopup, Rectangle[] dirty, ByteBuffer src, int w, int h) {
        synchronized (lock) {
            paints++;
            if (isPopup) {
                if (popup == null || popup.capacity() < w * h * 4) {
                    popup = ByteBuffer.allocateDirect(w * h * 4);
                }
                popupW = w;
                popupH = h;
                popup.put(0, src, 0, w * h * 4);
                markDirty(popupRect.x, popupRect.y, popupRect.width, popupRect.height);
            } else if (view == null || viewW != w || viewH != h) {
                view = ByteBuffer.allocateDirect(w * h * 4);
                viewW = w;
                viewH = h;
                view.put(0, src, 0, w * h * 4);
                markDirty(0, 0, w, h);
            } else {
                for (Rectangle r : dirty) {
                    Rectangle c = r.intersection(new Rectangle(0, 0, w, h));
                    if (c.isEmpty()) {
                        continue;
                    }
                    int rowBytes = c.width * 4;
                    for (int y = c.y; y < c.y + c.height; y++) {
                        int at = (y * w + c.x) * 4;
                        view.put(at, src, at, rowBytes);
                    }
                    markDirty(c.x, c.y, c.width, c.height);
                }
            }
            scheduleUpload();
        }
    }

    void popupShow(boolean show) {
        synchronized (lock) {
            popupShown = show;
            markDirty(popupRect.x, popupRect.y, popupRect.width, popupRect.height);
            scheduleUpload();
        }
    }

    void popupSize(Rectangle r) {
        synchronized (lock) {
            markDirty(popupRect.x, popupRect.y, popupRect.width, popupRect.height);
            popupRect = new Rectangle(r);
            markDirty(r.x, r.y, r.width, r.height);
        }
    }

    /** The shown popup widget's bounds in view coordinates, or null when none is shown. */
    Rectangle shownPopup() {
        synchronized (lock) {
            return popupShown && popup != null ? new Rectangle(popupRect) : null;
        }
    }

    long paints() {
        return paints;
    }

    long uploads() {
        return uploads;
    }

    /** Mean time of one upload on the JavaFX thread, in microseconds. */
    long meanUploadMicros() {
        long n = uploads;
        return n == 0 ? 0 : uploadNanos / n / 1000;
    }

    private void markDirty(int x, int y, int w, int h) {
        if (w <= 0 || h <= 0) {
            return;
        }
        dirtyX0 = Math.min(dirtyX0, x);
        dirtyY0 = Math.min(dirtyY0, y);
        dirtyX1 = Math.max(dirtyX1, x + w);
        dirtyY1 = Math.max(dirtyY1, y + h);
    }

    private void scheduleUpload() {
        if (!uploadPending) {
            uploadPending = true;
            FxThread.later(this::upload);
        }
    }

    private void upload() {
        long t0 = System.nanoTime();
        synchronized (lock) {
            uploadPending = false;
            if (view == null) {
                return;
            }
            if (pixels == null || pixels.getWidth() != viewW || pixels.getHeight() != viewH) {
                pixels = new PixelBuffer<>(viewW, viewH, ByteBuffer.allocateDirect(viewW * viewH * 4),
                        PixelFormat.getByteBgraPreInstance());
                imageView.setImage(new WritableImage(pixels));
                markDirty(0, 0, viewW, viewH);
            }
            int x0 = Math.max(0, dirtyX0);
            int y0 = Math.max(0, dirtyY0);
            int x1 = Math.min(viewW, dirtyX1);
            int y1 = Math.min(viewH, dirtyY1);
            dirtyX0 = Integer.MAX_VALUE;
            dirtyY0 = Integer.MAX_VALUE;
            dirtyX1 = 0;
            dirtyY1 = 0;
            if (x1 <= x0 || y1 <= y0) {
                return;
            }
            pixels.updateBuffer(pb -> {
                ByteBuffer dst = pb.getBuffer();
                int rowBytes = (x1 - x0) * 4;
                for (int y = y0; y < y1; y++) {
                    int at = (y * viewW + x0) * 4;
                    dst.put(at, view, at, rowBytes);
                }
                overlayPopup(dst, x0, y0, x1, y1);
                return new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
            });
        }
        uploads++;
        uploadNanos += System.nanoTime() - t0;
    }

    private void overlayPopup(ByteBuffer dst, int x0, int y0, int x1, int y1) {
        if (!popupShown || popup == null) {
            return;
        }
        Rectangle area = new Rectangle(x0, y0, x1 - x0, y1 - y0)
                .intersection(new Rectangle(popupRect.x, popupRect.y, Math.min(popupW, popupRect.width),
                        Math.min(popupH, popupRect.height)));
        if (area.isEmpty()) {
            return;
        }
        int rowBytes = area.width * 4;
        for (int y = area.y; y < area.y + area.height; y++) {
            int srcAt = ((y - popupRect.y) * popupW + (area.x - popupRect.x)) * 4;
            int dstAt = (y * viewW + area.x) * 4;
            dst.put(dstAt, popup, srcAt, rowBytes);
        }
    }
}
