package dev.companion.app.follow.film;

/**
 * Film night's thresholds (docs/architecture.md, "Film night"): tick, how often a film is read
 * and steered; deadBand, an error (seconds) left alone; maxAdjust, the largest rate change (0.05:
 * ±5 %); gain, the rate change per second of error; seekThreshold, the error (seconds) past which
 * a member seeks; sendEvery, how often the leader sends its film at least; holdTimeout, how long
 * a member who cannot play holds the group.
 */
public record FilmConfig(java.time.Duration tick, double deadBand, double maxAdjust, double gain, double seekThreshold,
                         java.time.Duration sendEvery, java.time.Duration holdTimeout) {
    public static final FilmConfig DEFAULT = new FilmConfig(java.time.Duration.ofMillis(250), 0.04, 0.05, 1.0, 1.0,
            java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10));

    public FilmConfig {
        if (tick.toMillis() < 50 || deadBand < 0 || deadBand > 1 || maxAdjust <= 0 || maxAdjust > 0.5 || gain <= 0
                || gain > 100 || seekThreshold <= deadBand || seekThreshold > 60 || sendEvery.toMillis() < 100
                || holdTimeout.isNegative() || holdTimeout.toSeconds() > 600) {
            throw new IllegalArgumentException("film night thresholds out of range: " + this);
        }
    }

    /**
     * DEFAULT with what these system properties say: companion.film.deadBandMs, maxAdjustPercent,
     * gain, seekThresholdMs, holdTimeoutMs.
     */
    public static FilmConfig fromSystemProperties() {
        FilmConfig d = DEFAULT;
        return new FilmConfig(d.tick(),
                Long.getLong("companion.film.deadBandMs", Math.round(d.deadBand() * 1000)) / 1000.0,
                Long.getLong("companion.film.maxAdjustPercent", Math.round(d.maxAdjust() * 100)) / 100.0,
                Double.parseDouble(System.getProperty("companion.film.gain", Double.toString(d.gain()))),
                Long.getLong("companion.film.seekThresholdMs", Math.round(d.seekThreshold() * 1000)) / 1000.0,
                d.sendEvery(),
                java.time.Duration.ofMillis(Long.getLong("companion.film.holdTimeoutMs", d.holdTimeout().toMillis())));
    }
}
