package dev.companion.app.follow;

/**
 * Outcome of {@link FollowTarget#apply}: {@code reason} is null when the action was applied, else one
 * of {@link #TARGET_NOT_FOUND}, {@link #PRIVATE_FIELD}, {@link #REFUSED}, {@link #TIMEOUT},
 * {@link #NO_PAGE}, {@link #BAD_SELECTOR}, {@link #BAD_VALUE}, {@link #MEDIA_BLOCKED}, {@link #MEDIA_ERROR},
 * {@link #ERROR}. {@link FollowTarget#restore} uses reason for a list of what it skipped instead.
 */
public record ApplyResult(boolean applied, String reason) {
    /** No element matched the selector within 3 s. */
    public static final String TARGET_NOT_FOUND = "target-not-found";
    /** The target is a private field (the page agent's privacy rules: passwords, cards, codes, ID numbers, sign-in...). */
    public static final String PRIVATE_FIELD = "private-field";
    /** The action does not fit its target (e.g. input on a button, a non-http URL). */
    public static final String REFUSED = "refused";
    /** The page did not answer within 5 s. */
    public static final String TIMEOUT = "timeout";
    /** No page (or no agent in the target frame) to apply to; or the view is closed. */
    public static final String NO_PAGE = "no-page";
    /** The selector is not valid CSS. */
    public static final String BAD_SELECTOR = "bad-selector";
    /** A select has no option with that value. */
    public static final String BAD_VALUE = "bad-value";
    /** The browser refused to play the audio/video (autoplay policy: play() rejected with NotAllowedError). */
    public static final String MEDIA_BLOCKED = "media-blocked";
    /** The audio/video cannot play (no playable source, decode error). */
    public static final String MEDIA_ERROR = "media-error";
    /** The page threw while applying. */
    public static final String ERROR = "error";

    private static final ApplyResult OK = new ApplyResult(true, null);

    public static ApplyResult ok() {
        return OK;
    }

    public static ApplyResult failed(String reason) {
        return new ApplyResult(false, reason);
    }
}
