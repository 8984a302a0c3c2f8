package dev.companion.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Small SVG charts for docs/benchmarks.md, written by the benchmarks themselves (no plotting
 * tool needed): latency by percentile for several series, and grouped bars.
 */
public final class SvgChart {
    private static final String[] COLORS = {"#2f6b4f", "#c4651c", "#1d5fbf", "#8a3ea8", "#a11d1d", "#5a5a5a"};
    private static final int W = 760;
    private static final int H = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 180;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private SvgChart() {
    }

    /**
     * Latency (y, log scale, in ms) against percentile (x: 0, 90, 99, 99.9, 99.99 evenly spaced as
     * "nines"), one line per series. Histograms are in microseconds.
     */
    public static void percentiles(Path file, String title, Map<String, Histogram> seriesMicros) throws IOException {
        double[] pct = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
        double maxMs = 0.001;
        double minMs = Double.MAX_VALUE;
        Map<String, double[]> values = new LinkedHashMap<>();
        for (var e : seriesMicros.entrySet()) {
            double[] v = new double[pct.length];
            for (int i = 0; i < pct.length; i++) {
                v[i] = Math.max(0.001, e.getValue().getValueAtPercentile(pct[i]) / 1000.0);
                maxMs = Math.max(maxMs, v[i]);
                minMs = Math.min(minMs, v[i]);
            }
            values.put(e.getKey(), v);
        }
        double lo = Math.pow(10, Math.floor(Math.log10(Math.min(minMs, maxMs))));
        double hi = Math.pow(10, Math.ceil(Math.log10(maxMs)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        StringBuilder s = header(title);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
            double y = TOP + plotH - plotH * (Math.log10(d) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
            s.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
            s.append(text(LEFT - 8, y + 4, fmt(d) + " ms", "end", 11));
        }
        for (int i = 0; i < pct.length; i++) {
            double x = LEFT + plotW * i / (double) (pct.length - 1);
            s.append(line(x, TOP, x, TOP + plotH, "#eee"));
            s.append(text(x, TOP + plotH + 16, "p" + java.math.BigDecimal.valueOf(pct[i]).stripTrailingZeros().toPlainString(),
                    "middle", 10));
        }
        s.append(text(LEFT + plotW / 2.0, H - 8, "percentile", "middle", 12));
        int c = 0;
        for (var e : values.entrySet()) {
            String color = COLORS[c % COLORS.length];
            StringBuilder pts = new StringBuilder();
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                double x = LEFT + plotW * i / (double) (pct.length - 1);
                double y = TOP + plotH - plotH * (Math.log10(v[i]) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
                pts.append(fmt(x)).append(',').append(fmt(y)).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
            legend(s, c, e.getKey(), color);
            c++;
        }
        write(file, s);
    }

    /** Grouped bars: for each category (x), one bar per series. */
    public static void bars(Path file, String title, String unit, List<String> categories, Map<String, double[]> series)
            throws IOException {
        double max = 0;
        for (double[] v : series.values()) {
            for (double d : v) {
                max = Math.max(max, d);
            }
        }
        max = max <= 0 ? 1 : niceCeil(max);
        StringBuilder s = header(title);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double val = max * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            s.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
            s.append(text(LEFT - 8, y + 4, fmt(val) + " " + unit, "end", 11));
        }
        int groups = categories.size();
        int n = series.size();
        double gw = plotW / (double) groups;
        double bw = gw * 0.8 / n;
        List<String> names = new ArrayList<>(series.keySet());
        for (int g = 0; g < groups; g++) {
            double gx = LEFT + g * gw + gw * 0.1;
            s.append(text(LEFT + g * gw + gw / 2, TOP + plotH + 16, categories.get(g), "middle", 11));
            for (int k = 0; k < n; k++) {
                double v = series.get(names.get(k))[g];
                double h = plotH * v / max;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                        gx + k * bw, TOP + plotH - h, bw * 0.92, h, COLORS[k % COLORS.length]));
            }
        }
        for (int k = 0; k < n; k++) {
            legend(s, k, names.get(k), COLORS[k % COLORS.length]);
        }
        write(file, s);
    }

    /**
     * Lines over time: x in minutes from the start, y linear from 0; one line per series, each a list
     * of {minutes, value} points; an optional dashed horizontal line marks a bound (NaN: none).
     */
    public static void timeline(Path file, String title, String unit, Map<String, List<double[]>> series, double bound,
                                String boundLabel) throws IOException {
        double maxX = 1e-9;
        double maxY = Double.isNaN(bound) ? 0 : bound;
        for (List<double[]> pts : series.values()) {
            for (double[] p : pts) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxY = maxY <= 0 ? 1 : niceCeil(maxY * 1.05);
        StringBuilder s = header(title);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            s.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
            s.append(text(LEFT - 8, y + 4, fmt(maxY * i / 4) + " " + unit, "end", 11));
        }
        int ticks = (int) Math.min(12, Math.ceil(maxX));
        for (int i = 0; i <= ticks; i++) {
            double x = LEFT + plotW * (maxX * i / ticks) / maxX;
            s.append(text(x, TOP + plotH + 16, fmt(Math.round(maxX * i / ticks * 10) / 10.0), "middle", 11));
        }
        s.append(text(LEFT + plotW / 2.0, TOP + plotH + 34, "minutes", "middle", 11));
        if (!Double.isNaN(bound)) {
            double y = TOP + plotH - plotH * bound / maxY;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#a11d1d\" "
                    + "stroke-dasharray=\"6,4\"/>\n", LEFT, y, LEFT + plotW, y));
            s.append(text(LEFT + plotW - 4, y - 5, boundLabel, "end", 11));
        }
        int c = 0;
        for (var e : series.entrySet()) {
            String color = COLORS[c % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : e.getValue()) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * p[0] / maxX, TOP + plotH - plotH * p[1] / maxY));
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
            legend(s, c, e.getKey(), color);
            c++;
        }
        write(file, s);
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static StringBuilder header(String title) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" font-family=\"DejaVu Sans, sans-serif\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(text(W / 2.0, 22, title, "middle", 15));
        return s;
    }

    private static void legend(StringBuilder s, int i, String name, String color) {
        double x = W - RIGHT + 15;
        double y = TOP + 10 + i * 20;
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", x, y - 10, color));
        s.append(text(x + 18, y, name, "start", 11));
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x1, y1, x2, y2, color);
    }

    private static String text(double x, double y, String t, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
                x, y, anchor, size, escape(t));
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, d < 1 ? "%.3f" : d < 10 ? "%.2f" : "%.1f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static void write(Path file, StringBuilder s) throws IOException {
        s.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }
}
