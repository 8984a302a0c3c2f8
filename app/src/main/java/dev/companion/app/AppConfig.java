package dev.companion.app;

import dev.companion.p2p.link.HostPort;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How one Companion terminal is started.
 *
 * @param profile       this terminal's folder: local database, identity, Chromium profile (cookies)
 * @param sccHost       control center host from the command line, or null: the one the person chose in the
 *                      sign-in form, else {@link #DEFAULT_CONTROL_CENTER}
 * @param sccPort       control center port (with sccHost)
 * @param sccFingerprint the control center's certificate fingerprint if known (else pinned on first use)
 * @param user          user name to prefill, or null
 * @param startUrl      first page to show
 * @param bindHost      where the peer link listens (0.0.0.0 for LAN peers, 127.0.0.1 for a one-machine demo)
 * @param locale        UI language, or null for the saved setting / system default
 * @param largeText     force the large-text setting on
 * @param testHookPort  loopback port of the test hook, or 0 for none (tests only)
 * @param title         extra window title text (the demo shows the user name), or null
 * @param windowSide    "left" or "right" half of the screen (the demo shows two windows side by side), or null
 * @param joinLink      a companion://join/ link the OS opened the app with (looked up after sign-in), or null
 */
public record AppConfig(Path profile, String sccHost, int sccPort, String sccFingerprint, String user,
                        String startUrl, String bindHost, Locale locale, boolean largeText, int testHookPort,
                        String title, String windowSide, String joinLink) {
    /** Where a terminal signs in when neither the command line nor the person said otherwise. */
    public static final HostPort DEFAULT_CONTROL_CENTER = new HostPort("127.0.0.1", 7700);

    /** Started without a join link. */
    public AppConfig(Path profile, String sccHost, int sccPort, String sccFingerprint, String user, String startUrl,
                     String bindHost, Locale locale, boolean largeText, int testHookPort, String title, String windowSide) {
        this(profile, sccHost, sccPort, sccFingerprint, user, startUrl, bindHost, locale, largeText, testHookPort, title,
                windowSide, null);
    }
}
