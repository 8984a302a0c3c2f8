package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Locale;

/**
 * One browsing action as the page agent captured it: one record per kind, each with only its own
 * fields, named on the wire by the property "kind" ({@link ActionKind}). Received actions are
 * untrusted: the constructors check sizes, required fields and the URL scheme; the follow engine and
 * the page agent check the rest.
 *
 * <p>Every action carries page, the URL it happened on (may be absent), and frame, the frame path
 * ("" for the top page, "0.1" for the second frame of the first frame).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(Action.Navigate.class),
    @JsonSubTypes.Type(Action.Click.class),
    @JsonSubTypes.Type(Action.Input.class),
    @JsonSubTypes.Type(Action.Change.class),
    @JsonSubTypes.Type(Action.Submit.class),
    @JsonSubTypes.Type(Action.Scroll.class),
    @JsonSubTypes.Type(Action.Media.class),
})
public sealed interface Action {
    int MAX_SELECTOR = 1024;
    int MAX_VALUE = 8 * 1024;
    int MAX_URL = 4 * 1024;

    String page();

    String frame();

    /** The kind's name on the wire, for the group's partial scope and for people. */
    default ActionKind kind() {
        return switch (this) {
            case Navigate n -> ActionKind.NAVIGATE;
            case Click c -> ActionKind.CLICK;
            case Input i -> ActionKind.INPUT;
            case Change c -> ActionKind.CHANGE;
            case Submit s -> ActionKind.SUBMIT;
            case Scroll s -> ActionKind.SCROLL;
            case Media m -> ActionKind.MEDIA;
        };
    }

    /**
     * The page was reached: url (http or https only); cause user (address bar, back, forward,
     * reload) or page (a link, a form or script: the follower normally arrives there by repeating
     * the action), or none.
     */
    @JsonTypeName("navigate")
    record Navigate(String page, String frame, String url, NavigationCause cause) implements Action {
        public Navigate {
            frame = common(page, frame);
            limit(url, MAX_URL, "url");
            Require.present(url, "url");
            if (!isWebUrl(url)) {
                throw new ProtocolException(ErrorCode.ACTION_REFUSED, "only http and https URLs are followed");
            }
        }
    }

    /** An element was clicked. */
    @JsonTypeName("click")
    record Click(String page, String frame, String selector) implements Action {
        public Click {
            frame = common(page, frame);
            requireSelector(selector);
        }
    }

    /** A text field or textarea was typed into: its value now. */
    @JsonTypeName("input")
    record Input(String page, String frame, String selector, String value) implements Action {
        public Input {
            frame = common(page, frame);
            requireSelector(selector);
            limit(value, MAX_VALUE, "value");
            Require.present(value, "value");
        }
    }

    /** A choice changed: value (select) or checked (checkbox, radio). */
    @JsonTypeName("change")
    record Change(String page, String frame, String selector, String value, Boolean checked) implements Action {
        public Change {
            frame = common(page, frame);
            requireSelector(selector);
            limit(value, MAX_VALUE, "value");
            if (value == null && checked == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "change needs value or checked");
            }
        }
    }

    /** A form (selector) was submitted, by submitter when known. */
    @JsonTypeName("submit")
    record Submit(String page, String frame, String selector, String submitter) implements Action {
        public Submit {
            frame = common(page, frame);
            limit(submitter, MAX_SELECTOR, "submitter");
            requireSelector(selector);
        }
    }

    /** The page (selector absent) or an element scrolled to x, y. */
    @JsonTypeName("scroll")
    record Scroll(String page, String frame, String selector, double x, double y) implements Action {
        public Scroll {
            frame = common(page, frame);
            limit(selector, MAX_SELECTOR, "selector");
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "scroll position must be finite");
            }
        }
    }

    /**
     * An audio or video element (selector) was played, paused, sought or its rate set (op, on the
     * wire "value"); time is the position (seconds) it happened at, rate the playback rate.
     */
    @JsonTypeName("media")
    record Media(String page, String frame, String selector, @JsonProperty("value") MediaOp op, double time,
                 Double rate) implements Action {
        public Media {
            frame = common(page, frame);
            requireSelector(selector);
            if (op == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "media value must be one of "
                        + java.util.List.of(MediaOp.values()));
            }
            if (!Double.isFinite(time) || time < 0) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "media time must be a finite position");
            }
            if (rate != null && (!Double.isFinite(rate) || rate <= 0 || rate > 16)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "media rate must be in (0, 16]");
            }
        }
    }

    /** Loading url on the top page for this cause (page = url, frame ""). */
    static Navigate navigate(String url, NavigationCause cause) {
        return new Navigate(url, "", url, cause);
    }

    /** True for absolute http and https URLs: the only schemes a follower will load. */
    static boolean isWebUrl(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://");
    }

    /** Checks page and frame; returns frame, "" when absent. */
    private static String common(String page, String frame) {
        frame = frame == null ? "" : frame;
        if (!frame.matches("(\\d{1,3}(\\.\\d{1,3}){0,7})?")) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad frame path");
        }
        limit(page, MAX_URL, "page");
        return frame;
    }

    private static void requireSelector(String selector) {
        limit(selector, MAX_SELECTOR, "selector");
        Require.present(selector, "selector");
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: " + field);
        }
    }
}
