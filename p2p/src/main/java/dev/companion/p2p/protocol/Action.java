package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;

/**
 * One browsing action as the page agent captured it. Received actions are untrusted: the
 * constructor checks kind, sizes and URL scheme; the follow engine and page agent check the rest.
 *
 * <ul>
 *   <li>{@code navigate}: url; cause {@code user} (address bar, back, forward, reload) or {@code page}
 *       (a link, a form or script; the follower normally arrives there by repeating the action).</li>
 *   <li>{@code click}: selector.</li>
 *   <li>{@code input}: selector, value (text fields and textarea).</li>
 *   <li>{@code change}: selector and value (select) or checked (checkbox, radio).</li>
 *   <li>{@code submit}: selector of the form, submitter (optional).</li>
 *   <li>{@code scroll}: x, y (page offset); selector when an element scrolled.</li>
 *   <li>{@code media}: selector of an audio or video element, value play, pause, seek or rate; time
 *       (seconds) the position it happened at; rate the playback rate.</li>
 * </ul>
 * page is the URL the action happened on; frame is the frame path ("" for the top page, "0.1" for
 * the second frame of the first frame).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(String kind, String page, String frame, String selector, String value, Boolean checked,
                     Double x, Double y, String url, String cause, String submitter, Double time, Double rate) {
    public static final Set<String> KINDS = Set.of("navigate", "click", "input", "change", "submit", "scroll", "media");
    public static final Set<String> MEDIA = Set.of("play", "pause", "seek", "rate");
    public static final int MAX_SELECTOR = 1024;
    public static final int MAX_VALUE = 8 * 1024;
    public static final int MAX_URL = 4 * 1024;

    @com.fasterxml.jackson.annotation.JsonCreator
    public Action {
        if (kind == null || !KINDS.contains(kind)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "action kind must be one of " + KINDS);
        }
        frame = frame == null ? "" : frame;
        if (!frame.matches("(\\d{1,3}(\\.\\d{1,3}){0,7})?")) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad frame path");
        }
        limit(selector, MAX_SELECTOR, "selector");
        limit(submitter, MAX_SELECTOR, "submitter");
        limit(value, MAX_VALUE, "value");
        limit(page, MAX_URL, "page");
        limit(url, MAX_URL, "url");
        switch (kind) {
            case "navigate" -> {
                Require.present(url, "url");
                if (!isWebUrl(url)) {
                    throw new ProtocolException(ErrorCode.ACTION_REFUSED, "only http and https URLs are followed");
                }
            }
            case "click", "input", "submit" -> Require.present(selector, "selector");
            case "change" -> {
                Require.present(selector, "selector");
                if (value == null && checked == null) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "change needs value or checked");
                }
            }
            case "scroll" -> {
                Require.present(x, "x");
                Require.present(y, "y");
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "scroll position must be finite");
                }
            }
            case "media" -> {
                Require.present(selector, "selector");
                if (value == null || !MEDIA.contains(value)) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "media value must be one of " + MEDIA);
                }
                Require.present(time, "time");
                if (!Double.isFinite(time) || time < 0) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "media time must be a finite position");
                }
                if (rate != null && (!Double.isFinite(rate) || rate <= 0 || rate > 16)) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD, "media rate must be in (0, 16]");
                }
            }
            default -> throw new IllegalStateException(kind);
        }
        if ("input".equals(kind)) {
            Require.present(value, "value");
        }
        if (cause != null && !Set.of("user", "page").contains(cause)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "cause must be user or page");
        }
    }

    public Action(String kind, String page, String frame, String selector, String value, Boolean checked,
                  Double x, Double y, String url, String cause, String submitter) {
        this(kind, page, frame, selector, value, checked, x, y, url, cause, submitter, null, null);
    }

    /** True for absolute http and https URLs: the only schemes a follower will load. */
    public static boolean isWebUrl(String url) {
        String u = url.trim().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://");
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: " + field);
        }
    }

    public static Action navigate(String url, String cause) {
        return new Action("navigate", url, "", null, null, null, null, null, url, cause, null);
    }
}
