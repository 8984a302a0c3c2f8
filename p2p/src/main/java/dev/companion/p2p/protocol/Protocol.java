package dev.companion.p2p.protocol;

/** Protocol constants shared by the control center, its clients and the peer link. */
public final class Protocol {
    /** The protocol version named by the first message on every connection. */
    public static final int VERSION = 1;
    /** Largest frame payload accepted, in bytes (64 KiB). */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** How often an idle connection sends a ping, in seconds. */
    public static final int PING_INTERVAL_SECONDS = 5;
    /** A connection that received nothing for this long is closed, in seconds. */
    public static final int IDLE_TIMEOUT_SECONDS = 15;
    /** Invitations expire after this many seconds. */
    public static final int INVITATION_TTL_SECONDS = 10 * 60;

    /** A step (manual following) holds at most this many actions. */
    public static final int MAX_STEP_ACTIONS = 50;
    /** A similar_rules message holds at most this many rules (one site); a terminal keeps at most this many per site. */
    public static final int MAX_SITE_RULES = 32;
    /** A sender keeps at least its last this many actions and steps per group to fill gaps (see resume). */
    public static final int LOG_BOUND = 5_000;
    /** A member that lost its control-center connection stays in its groups (away) this long, in seconds. */
    public static final int AWAY_GRACE_SECONDS = 30;
    /** An unanswered lead proposal expires after this many seconds. */
    public static final int PROPOSAL_TTL_SECONDS = 60;
    /**
     * A LAN pairing connection waits this long, in seconds, for each side's person to compare the
     * code and confirm (the asking side before it sends pair_request, the asked side before it answers).
     */
    public static final int PAIR_DECISION_SECONDS = 120;
    /** A chat line holds at most this many characters (UTF-16 units). */
    public static final int MAX_CHAT_TEXT = 500;
    /** A chat_history answer holds at most this many lines: 16 of MAX_CHAT_TEXT characters fit a frame even when each is written as a 6-byte escape. */
    public static final int MAX_CHAT_HISTORY = 16;

    /** A shared flow file (flow_share) is at most this many bytes: the flow file's own limit (1 MiB). */
    public static final int FLOW_SHARE_MAX_BYTES = 1024 * 1024;
    /** Each flow_share part carries at most this many bytes of the file (base64 in the frame: under 64 KiB). */
    public static final int FLOW_SHARE_PART_BYTES = 32 * 1024;
    /** So a shared flow travels in at most this many parts. */
    public static final int FLOW_SHARE_MAX_PARTS = FLOW_SHARE_MAX_BYTES / FLOW_SHARE_PART_BYTES;

    /** bot_says and bot_answer count steps up to this (a flow's own limit). */
    public static final int MAX_BOT_STEPS = 500;
    /** A bot_says hint holds at most this many characters (a flow step's hint's limit). */
    public static final int MAX_BOT_HINT = 500;
    /** A member's bot_says and bot_answer are taken at most this many a second (bursts of {@link #BOT_BURST}). */
    public static final int BOT_PER_SECOND = 5;
    /** The burst of bot_says and bot_answer taken from one member at once. */
    public static final int BOT_BURST = 20;

    private Protocol() {
    }

    /**
     * The words for a version mismatch, telling the user what to update: "other" (e.g. "bob's
     * Companion") speaks protocol theirs, this side speaks {@link #VERSION}.
     */
    public static String mismatch(String other, int theirs) {
        String who = theirs < VERSION ? other + " is older: update it" : "this Companion is older: update it";
        return other + " speaks protocol " + theirs + ", this Companion speaks " + VERSION + " — " + who
                + " to the latest version, then connect again.";
    }

    /** A drawing's stroke holds at least 2 and at most this many points (after simplification). */
    public static final int MAX_DRAW_POINTS = 64;
    /** A drawing lives at least this long on each page (ms)... */
    public static final int MIN_DRAW_LIFE_MS = 500;
    /** ...and at most this long, then it is gone (ms). */
    public static final int MAX_DRAW_LIFE_MS = 10_000;
    /** A stroke's coordinates are fractions of its element's box in steps of 1/DRAW_STEPS. */
    public static final int DRAW_STEPS = 1000;
}
