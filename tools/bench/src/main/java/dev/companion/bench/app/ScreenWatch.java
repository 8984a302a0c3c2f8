package dev.companion.bench.app;

import java.awt.AWTException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;

/**
 * Watches one row of the X display for a colour: how AppBench sees that the app's window shows the
 * page (the page's background colour reached the screen). Reads a 1-pixel-high strip every few ms.
 */
public final class ScreenWatch {
    private final Robot robot;
    private final Rectangle strip;
    private final int rgb;

    /** A strip across x = [x0, x0 + width) at screen row y, looking for rgb (0xRRGGBB, ±8 per channel). */
    public ScreenWatch(int x0, int y, int width, int rgb) throws AWTException {
        this.robot = new Robot();
        this.strip = new Rectangle(x0, y, width, 1);
        this.rgb = rgb;
    }

    /** Pixels of the strip in the colour now. */
    public int matches() {
        BufferedImage img = robot.createScreenCapture(strip);
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            if (close(img.getRGB(x, 0), rgb)) {
                n++;
            }
        }
        return n;
    }

    /** Epoch µs of the first reading with at least minPixels in the colour; -1 after timeoutMillis. */
    public long awaitColour(int minPixels, long timeoutMillis, long periodMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < end) {
            long t = Clocks.epochMicros();
            if (matches() >= minPixels) {
                return t;
            }
            Thread.sleep(periodMillis); // sampling period of the display
        }
        return -1;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 8) {
                return false;
            }
        }
        return true;
    }
}
