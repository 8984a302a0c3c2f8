package dev.companion.app.follow;

/**
 * Outcome of {@link FollowTarget#apply}: {@code reason} is null when the action was applied, else one
 * of the codes below; {@code detail} says it in words for people (e.g. reason {@link #AMBIGUOUS_TARGET},
 * detail "2 buttons 'Add to cart' match equally"), or is null. {@link FollowTarget#restore} uses reason
 * for a list of what it skipped instead. docs/protocol.md ("Targets") lists the codes for the wire.
 */
public record ApplyResult(boolean applied, String reason, String detail) {
    /** No element matched the target's evidence (or the selector) within the wait (5 s). */
    public static final String TARGET_NOT_FOUND = "target-not-found";
    /** Two or more elements match the evidence about equally well: nothing is pressed. */
    public static final String AMBIGUOUS_TARGET = "ambiguous-target";
    /** An action without evidence whose selector is only a position among siblings: nothing is pressed. */
    public static final String WEAK_TARGET = "weak-target";
    /** A checkbox, switch or radio did not reach the state the action asked for. */
    public static final String STATE_NOT_REACHED = "state-not-reached";
    /** The target is a private field (the page agent's privacy rules: passwords, cards, codes, ID numbers, sign-in...). */
    public static final String PRIVATE_FIELD = "private-field";
    /**
     * A click or submit that commits money or identity (pay, place an order, delete an account,
     * submit a form with sensitive fields, marked {@code data-companion-confirm}): the page agent
     * outlined it and left it to this terminal's person; detail is the kind and the element's name,
     * e.g. {@code place order 'Place order'} (docs/protocol.md, "Owner-only steps").
     */
    public static final String OWNER_ONLY = "owner-only";
    /**
     * A click's target is covered where a person would press it (a cookie banner, a modal), or the
     * press landed on something else and was stopped: nothing is pressed; detail names what covers
     * it, e.g. {@code covered by div 'We use cookies.'}.
     */
    public static final String COVERED = "covered";
    /** The action does not fit its target (e.g. input on a button, a non-http URL). */
    public static final String REFUSED = "refused";
    /** The page did not answer in time (the wait for the target, plus 3 s). */
    public static final String TIMEOUT = "timeout";
    /** No page (or no agent in the target frame) to apply to; or the view is closed. */
    public static final String NO_PAGE = "no-page";
    /** The selector is not valid CSS. */
    public static final String BAD_SELECTOR = "bad-selector";
    /** A select has no option with that label or value. */
    public static final String BAD_VALUE = "bad-value";
    /** The browser refused to play the audio/video (autoplay policy: play() rejected with NotAllowedError). */
    public static final String MEDIA_BLOCKED = "media-blocked";
    /** The audio/video cannot play (no playable source, decode error). */
    public static final String MEDIA_ERROR = "media-error";
    /** The page threw while applying. */
    public static final String ERROR = "error";

    private static final ApplyResult OK = new ApplyResult(true, null, null);

    public ApplyResult(boolean applied, String reason) {
        this(applied, reason, null);
    }

    public static ApplyResult ok() {
        return OK;
    }

    public static ApplyResult failed(String reason) {
        return new ApplyResult(false, reason, null);
    }

    public static ApplyResult failed(String reason, String detail) {
        return new ApplyResult(false, reason, detail);
    }

    /** The element's name in an owner-only reason or detail ("… place order 'Place order'" gives "Place order"), else "". */
    public static String ownerOnlyName(String reason) {
        if (reason == null) {
            return "";
        }
        int from = reason.indexOf('\'');
        int to = reason.lastIndexOf('\'');
        return from >= 0 && to > from ? reason.substring(from + 1, to) : "";
    }

    /** The reason as a result carries it: the code, then ": " and the detail when there is one; null when applied. */
    public String describe() {
        if (reason == null) {
            return null;
        }
        return detail == null || detail.isBlank() ? reason : reason + ": " + detail;
    }
}
