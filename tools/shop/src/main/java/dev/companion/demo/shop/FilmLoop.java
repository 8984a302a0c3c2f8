package dev.companion.demo.shop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The five-second film played several times over as one longer WebM, made at start from the film's
 * own bytes (no codec, no tool): the EBML header, Info (its Duration rewritten), Tracks, then Cues
 * listing every cluster, then the film's clusters repeated with their Timecode shifted by the film's
 * length each time. The blocks inside a cluster keep their bytes (their times are relative to the
 * cluster's); every cluster of the film starts with a key frame, so every repeat does too. The Cues
 * come before the clusters so that a player finds them without a SeekHead (which is left out).
 *
 * <p>Film night's tests need a minute of playback: this gives one without a 2 MB file in the repository.
 */
final class FilmLoop {
    private static final int EBML = 0x1A45DFA3;
    private static final int SEGMENT = 0x18538067;
    private static final int INFO = 0x1549A966;
    private static final int TRACKS = 0x1654AE6B;
    private static final int CLUSTER = 0x1F43B675;
    private static final int TIMECODE = 0xE7;
    private static final int DURATION = 0x4489;
    private static final int CUES = 0x1C53BB6B;
    private static final int CUE_POINT = 0xBB;
    private static final int CUE_TIME = 0xB3;
    private static final int CUE_POSITIONS = 0xB7;
    private static final int CUE_TRACK = 0xF7;
    private static final int CUE_CLUSTER_POSITION = 0xF1;

    private FilmLoop() {
    }

    /** One element: its id, where its header and its data start, how long the data is. */
    private record Element(int id, int head, int start, int size) {
        int end() {
            return start + size;
        }
    }

    /** The film repeated times times (1..100) as one WebM; the film must be a WebM of clusters with a Timecode each. */
    static byte[] repeat(byte[] film, int times) {
        if (times < 1 || times > 100) {
            throw new IllegalArgumentException("times must be 1..100");
        }
        List<Element> top = children(film, 0, film.length);
        Element ebml = find(top, EBML);
        Element segment = find(top, SEGMENT);
        List<Element> parts = children(film, segment.start(), Math.min(segment.end(), film.length));
        Element info = find(parts, INFO);
        Element tracks = find(parts, TRACKS);
        List<Element> clusters = parts.stream().filter(e -> e.id() == CLUSTER).toList();
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("the film has no clusters");
        }
        long[] clusterTimes = new long[clusters.size()];
        for (int i = 0; i < clusters.size(); i++) {
            clusterTimes[i] = uint(film, find(children(film, clusters.get(i).start(), clusters.get(i).end()), TIMECODE));
        }
        double length = duration(film, info); // in timecode units (ms at the usual scale)
        long step = Math.round(length);

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] newInfo = withDuration(film, info, length * times);
        element(body, INFO, newInfo);
        element(body, TRACKS, slice(film, tracks.start(), tracks.size()));
        // Cues first: every entry's size is fixed (8-byte numbers), so the clusters' offsets are known.
        int cuePointSize = cuePoint(0, 0).length;
        int cuesTotal = idLength(CUES) + 8 + times * clusters.size() * (idLength(CUE_POINT) + 8 + cuePointSize);
        long offset = body.size() + cuesTotal;
        ByteArrayOutputStream cues = new ByteArrayOutputStream();
        List<byte[]> clusterBytes = new ArrayList<>();
        for (int t = 0; t < times; t++) {
            for (int i = 0; i < clusters.size(); i++) {
                long time = clusterTimes[i] + t * step;
                element(cues, CUE_POINT, cuePoint(time, offset));
                byte[] c = shifted(film, clusters.get(i), time);
                clusterBytes.add(c);
                offset += c.length;
            }
        }
        element(body, CUES, cues.toByteArray());
        clusterBytes.forEach(body::writeBytes);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(film, ebml.head(), ebml.end() - ebml.head());
        element(out, SEGMENT, body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] cuePoint(long time, long clusterPosition) {
        ByteArrayOutputStream positions = new ByteArrayOutputStream();
        element(positions, CUE_TRACK, new byte[] {1});
        element(positions, CUE_CLUSTER_POSITION, ByteBuffer.allocate(8).putLong(clusterPosition).array());
        ByteArrayOutputStream point = new ByteArrayOutputStream();
        element(point, CUE_TIME, ByteBuffer.allocate(8).putLong(time).array());
        element(point, CUE_POSITIONS, positions.toByteArray());
        return point.toByteArray();
    }

    /** A cluster with its Timecode set to time, its other children unchanged. */
    private static byte[] shifted(byte[] film, Element cluster, long time) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Element child : children(film, cluster.start(), cluster.end())) {
            if (child.id() == TIMECODE) {
                element(data, TIMECODE, ByteBuffer.allocate(8).putLong(time).array());
            } else {
                data.write(film, child.head(), child.end() - child.head());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        element(out, CLUSTER, data.toByteArray());
        return out.toByteArray();
    }

    /** Info's children with Duration (an 8-byte float) replaced by length. */
    private static byte[] withDuration(byte[] film, Element info, double length) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Element child : children(film, info.start(), info.end())) {
            if (child.id() == DURATION) {
                element(data, DURATION, ByteBuffer.allocate(8).putDouble(length).array());
            } else {
                data.write(film, child.head(), child.end() - child.head());
            }
        }
        return data.toByteArray();
    }

    private static double duration(byte[] film, Element info) {
        Element d = find(children(film, info.start(), info.end()), DURATION);
        ByteBuffer b = ByteBuffer.wrap(film, d.start(), d.size());
        return d.size() == 4 ? b.getFloat() : b.getDouble();
    }

    // ---- EBML reading and writing -----------------------------------------------------------------

    private static List<Element> children(byte[] d, int from, int to) {
        List<Element> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            int head = i;
            int idLen = vintLength(d[i]);
            int id = (int) raw(d, i, idLen);
            i += idLen;
            int sizeLen = vintLength(d[i]);
            long size = raw(d, i, sizeLen) & ((1L << (7 * sizeLen)) - 1);
            i += sizeLen;
            if (size > to - i) {
                size = to - i; // "unknown" or overlong size: up to the parent's end
            }
            out.add(new Element(id, head, i, (int) size));
            i += (int) size;
        }
        return out;
    }

    private static Element find(List<Element> elements, int id) {
        return elements.stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no element " + Integer.toHexString(id)));
    }

    private static long uint(byte[] d, Element e) {
        return raw(d, e.start(), e.size());
    }

    private static int vintLength(byte first) {
        int b = first & 0xFF;
        if (b == 0) {
            throw new IllegalArgumentException("not an EBML number");
        }
        return Integer.numberOfLeadingZeros(b) - 23;
    }

    private static long raw(byte[] d, int at, int length) {
        long v = 0;
        for (int k = 0; k < length; k++) {
            v = (v << 8) | (d[at + k] & 0xFF);
        }
        return v;
    }

    private static int idLength(int id) {
        return id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
    }

    /** Writes id, data's size as an 8-byte EBML number, then data. */
    private static void element(ByteArrayOutputStream out, int id, byte[] data) {
        for (int k = idLength(id) - 1; k >= 0; k--) {
            out.write(id >>> (8 * k));
        }
        out.write(0x01);
        for (int k = 6; k >= 0; k--) {
            out.write((int) ((long) data.length >>> (8 * k)));
        }
        out.writeBytes(data);
    }

    private static byte[] slice(byte[] d, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(d, from, out, 0, length);
        return out;
    }
}
