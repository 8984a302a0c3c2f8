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
 * ("" for the top page, "0.1" for the second frame of the first frame). An action on an element
 * carries target, the evidence that identifies the element ({@link Target}), and selector, a CSS
 * selector that matched it on the sender's page: a hint, never proof (required only without target).
 * The constructors without target are for actions as they were before evidence (and for tests).
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
    @JsonSubTypes.Type(Action.Key.class),
})
public sealed interface Action {
    int MAX_SELECTOR = 1024;
    int MAX_VALUE = 8 * 1024;
    int MAX_URL = 4 * 1024;

    String page();

    String frame();

    /**
     * The evidence identifying the element acted on; null for navigations, page scrolls and actions
     * sent without evidence.
     */
    default Target target() {
        return null;
    }

    /**
     * True when the sender marked this press as its owner's alone ({@code owner_only}): a follower's app
     * shows the element and never presses it. The mark can only make a step stricter: a step without it
     * is still judged on the follower's own page (docs/protocol.md, "Owner-only steps").
     */
    default boolean markedOwnerOnly() {
        return switch (this) {
            case Click c -> Boolean.TRUE.equals(c.ownerOnly);
            case Submit s -> Boolean.TRUE.equals(s.ownerOnly);
            default -> false;
        };
    }

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
            case Key k -> ActionKind.KEY;
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

    /**
     * An element was clicked. ownerOnly (on the wire {@code owner_only}, written only when true): the
     * sender's page agent judged the press private (a button beside a password field): it travels so
     * that each member's own page shows the element for its person to press; a follower's app never
     * presses it (see {@link Action#markedOwnerOnly()}).
     */
    @JsonTypeName("click")
    record Click(String page, String frame, String selector, Target target,
                 @JsonProperty("owner_only") Boolean ownerOnly) implements Action {
        public Click {
            frame = common(page, frame);
            requireSelector(selector, target);
            ownerOnly = Boolean.TRUE.equals(ownerOnly) ? Boolean.TRUE : null;
        }

        public Click(String page, String frame, String selector, Target target) {
            this(page, frame, selector, target, null);
        }

        public Click(String page, String frame, String selector) {
            this(page, frame, selector, null, null);
        }
    }

    /** A text field or textarea was typed into: its value now. */
    @JsonTypeName("input")
    record Input(String page, String frame, String selector, String value, Target target) implements Action {
        public Input {
            frame = common(page, frame);
            requireSelector(selector, target);
            limit(value, MAX_VALUE, "value");
            Require.present(value, "value");
        }

        public Input(String page, String frame, String selector, String value) {
            this(page, frame, selector, value, null);
        }
    }

    /**
     * A choice changed, as what the person meant rather than the mouse click: "set to checked" or
     * "unchecked" (checked: a checkbox, a switch, a radio chosen), or "choose the option labelled
     * label" (value and label: a select), in the option group labelled optionGroup when it is in one
     * (on the wire {@code option_group}: "Large" under Tea, not the "Large" under Coffee).
     */
    @JsonTypeName("change")
    record Change(String page, String frame, String selector, String value, Boolean checked, String label,
                  Target target, @JsonProperty("option_group") String optionGroup) implements Action {
        public Change {
            frame = common(page, frame);
            requireSelector(selector, target);
            limit(value, MAX_VALUE, "value");
            limit(label, Target.MAX_TEXT, "label");
            limit(optionGroup, Target.MAX_TEXT, "option_group");
            if (value == null && checked == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "change needs value or checked");
            }
        }

        public Change(String page, String frame, String selector, String value, Boolean checked, String label,
                      Target target) {
            this(page, frame, selector, value, checked, label, target, null);
        }

        public Change(String page, String frame, String selector, String value, Boolean checked) {
            this(page, frame, selector, value, checked, null, null);
        }
    }

    /**
     * A form (selector, target) was submitted, by submitter (via: its evidence) when known. ownerOnly
     * (on the wire {@code owner_only}, written only when true): the sender's page agent judged the form
     * private (it holds a password field: a sign-in, a payment with a PIN); it travels without the
     * form's surrounding text so that each member's own page shows the button for its person to press;
     * a follower's app never submits it (see {@link Action#markedOwnerOnly()}).
     */
    @JsonTypeName("submit")
    record Submit(String page, String frame, String selector, String submitter, Target target, Target via,
                  @JsonProperty("owner_only") Boolean ownerOnly) implements Action {
        public Submit {
            frame = common(page, frame);
            limit(submitter, MAX_SELECTOR, "submitter");
            requireSelector(selector, target);
            ownerOnly = Boolean.TRUE.equals(ownerOnly) ? Boolean.TRUE : null;
        }

        public Submit(String page, String frame, String selector, String submitter, Target target, Target via) {
            this(page, frame, selector, submitter, target, via, null);
        }

        public Submit(String page, String frame, String selector, String submitter) {
            this(page, frame, selector, submitter, null, null, null);
        }
    }

    /** The page (selector and target absent) or an element scrolled to x, y. */
    @JsonTypeName("scroll")
    record Scroll(String page, String frame, String selector, double x, double y, Target target) implements Action {
        public Scroll {
            frame = common(page, frame);
            limit(selector, MAX_SELECTOR, "selector");
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "scroll position must be finite");
            }
        }

        public Scroll(String page, String frame, String selector, double x, double y) {
            this(page, frame, selector, x, y, null);
        }
    }

    /**
     * An audio or video element (selector) was played, paused, sought or its rate set (op, on the
     * wire "value"); time is the position (seconds) it happened at, rate the playback rate.
     */
    @JsonTypeName("media")
    record Media(String page, String frame, String selector, @JsonProperty("value") MediaOp op, double time,
                 Double rate, Target target) implements Action {
        public Media(String page, String frame, String selector, MediaOp op, double time, Double rate) {
            this(page, frame, selector, op, time, rate, null);
        }

        public Media {
            frame = common(page, frame);
            requireSelector(selector, target);
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

    /**
     * A key went down or up (phase) on a key surface: a canvas or an element with role "application"
     * (selector and target), or the page itself when nothing is focused (neither). key is the
     * KeyboardEvent's key ("ArrowLeft", "a", " "), code its physical key ("KeyA"), shift whether
     * Shift was held. Never a key typed into a field (that is an input, with the privacy rules), and
     * never with Ctrl, Alt or Meta (browser and system shortcuts): there is no field for them. Keys
     * are opt-in ({@link ActionKind#optIn()}).
     */
    @JsonTypeName("key")
    record Key(String page, String frame, String selector, @JsonProperty("value") String key, String code,
               KeyPhase phase, Boolean shift, Target target) implements Action {
        public static final int MAX_KEY = 32;

        public Key(String page, String frame, String selector, String key, String code, KeyPhase phase, boolean shift) {
            this(page, frame, selector, key, code, phase, shift, null);
        }

        public Key {
            frame = common(page, frame);
            limit(selector, MAX_SELECTOR, "selector");
            Require.present(key, "key value");
            if (key.isEmpty() || key.length() > MAX_KEY || key.chars().anyMatch(Character::isISOControl)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "key value must be 1 to " + MAX_KEY
                        + " characters without control characters");
            }
            if (code != null && (code.length() > MAX_KEY || !code.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)))) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "key code must be up to " + MAX_KEY + " letters and digits");
            }
            if (phase == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "key phase must be one of " + java.util.List.of(KeyPhase.values()));
            }
            shift = Boolean.TRUE.equals(shift) ? Boolean.TRUE : null;
        }
    }

    /** Loading url on the top page for this cause (page = url, frame ""). */
    static Navigate navigate(String url, NavigationCause cause) {
        return new Navigate(url, "", url, cause);
    }

    /**
     * True for absolute http and https URLs as a browser writes them (its {@code location.href}):
     * the only URLs a follower will load. So printable ASCII only (no spaces, tabs, line breaks or
     * controls, which a browser drops or encodes and java.net.URI refuses; a host in Unicode, a
     * look-alike to a person, arrives as its xn-- form), exactly two slashes after the scheme, and
     * no user name, password, backslash or percent escape before the path: each of those makes the
     * host a person reads in the URL, or that {@link LocalAddresses} reads, differ from the one
     * Chromium loads ({@code http://example.com@192.168.1.1/}, {@code http://\\192.168.1.1/}).
     */
    static boolean isWebUrl(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        String u = url.toLowerCase(Locale.ROOT);
        int start = u.startsWith("http://") ? 7 : u.startsWith("https://") ? 8 : -1;
        if (start < 0) {
            return false;
        }
        int end = start;
        while (end < u.length() && "/?#".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        String authority = u.substring(start, end);
        return !authority.isEmpty() && authority.chars().noneMatch(c -> c == '@' || c == '\\' || c == '%');
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

    /** The selector within its limit; present unless there is evidence (target). */
    private static void requireSelector(String selector, Target target) {
        limit(selector, MAX_SELECTOR, "selector");
        if (selector == null && (target == null || target.findsNothing())) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field: selector (or a target with a tag, role, name or attribute)");
        }
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: " + field);
        }
    }
}
