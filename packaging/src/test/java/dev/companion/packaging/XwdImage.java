package dev.companion.packaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A window screenshot made by {@code xwd} (X Window Dump: a 100-byte header of 25 big-endian 32-bit
 * fields, the window's name, a colour map, then the pixels), read for a check and saved as PNG for a
 * person to look at. Only what Xvfb's 24-bit TrueColor screens write: ZPixmap, 32 bits per pixel.
 */
record XwdImage(BufferedImage image) {
    private static final int ZPIXMAP = 2;

    static XwdImage read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        int headerSize = b.getInt(0);
        int format = b.getInt(2 * 4);
        int width = b.getInt(4 * 4);
        int height = b.getInt(5 * 4);
        boolean msbFirst = b.getInt(7 * 4) == 1;
        int bitsPerPixel = b.getInt(11 * 4);
        int bytesPerLine = b.getInt(12 * 4);
        int[] masks = {b.getInt(14 * 4), b.getInt(15 * 4), b.getInt(16 * 4)};
        int colours = b.getInt(19 * 4);
        if (format != ZPIXMAP || bitsPerPixel != 32) {
            throw new IOException(file + ": not a 32-bit ZPixmap dump (format " + format + ", " + bitsPerPixel + " bits)");
        }
        int start = headerSize + colours * 12;
        if (width <= 0 || height <= 0 || start + (long) bytesPerLine * height > b.capacity()) {
            throw new IOException(file + ": truncated (" + width + "x" + height + ")");
        }
        b.order(msbFirst ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = b.getInt(start + y * bytesPerLine + x * 4);
                img.setRGB(x, y, channel(p, masks[0]) << 16 | channel(p, masks[1]) << 8 | channel(p, masks[2]));
            }
        }
        return new XwdImage(img);
    }

    private static int channel(int pixel, int mask) {
        return (pixel & mask) >>> Integer.numberOfTrailingZeros(mask) & 0xff;
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** How many different colours the image has: a blank window has one or two; text and controls add many. */
    int distinctColours() {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    void savePng(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
