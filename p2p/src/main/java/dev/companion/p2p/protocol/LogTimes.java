package dev.companion.p2p.protocol;

/**
 * Puts the date and time (with the UTC offset) at the start of every log line of a process, unless
 * its command line says otherwise. The programs' main methods call it before anything logs: the
 * simple logger reads its settings once, at the first logger made.
 */
public final class LogTimes {
    static final String SHOW = "org.slf4j.simpleLogger.showDateTime";
    static final String FORMAT = "org.slf4j.simpleLogger.dateTimeFormat";

    private LogTimes() {
    }

    /** Turns timestamps on, in ISO 8601 to the millisecond, unless showDateTime was given. */
    public static void onUnlessSet() {
        if (System.getProperty(SHOW) == null) {
            System.setProperty(SHOW, "true");
            if (System.getProperty(FORMAT) == null) {
                System.setProperty(FORMAT, "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
            }
        }
    }
}
