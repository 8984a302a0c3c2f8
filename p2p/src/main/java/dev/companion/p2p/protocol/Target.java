package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The evidence that identifies an element to a person and to the page, as the leader's page agent
 * saw it (an element action's optional {@code target}): what it is (tag, ARIA role), what it says
 * (accessible name, visible text, in which language), its stable attributes, and where it sits (the
 * text of the card, row or list item around it, the headings above it, its form, its landmark, the
 * shadow hosts and the frame it is in), and last its position among look-alikes. The follower's page agent scores its own
 * candidates against it and applies only when one is clearly best (docs/protocol.md, "Targets").
 *
 * <p>Received evidence is untrusted: every field is optional, every string and list has a limit,
 * and anything over a limit is refused with MISSING_FIELD. Empty fields are left out on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Target(String tag, String role, String name, String text, Map<String, String> attrs, String context,
                     List<String> headings, String form, String landmark, List<String> hosts, String frameName,
                     Integer index, Integer count, String lang) {
    /** Longest name, text, context, heading, form, landmark, host or frame name, in characters. */
    public static final int MAX_TEXT = 256;
    /** Longest attribute value (an href path, a value), in characters. */
    public static final int MAX_ATTR = 512;
    public static final int MAX_ATTRS = 12;
    public static final int MAX_HEADINGS = 3;
    public static final int MAX_HOSTS = 8;
    /** The most look-alikes a position is counted among. */
    public static final int MAX_COUNT = 100_000;

    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z-]{0,31}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}");

    public Target {
        check(tag, TAG, "target.tag");
        check(role, ROLE, "target.role");
        check(lang, LANG, "target.lang");
        limit(name, MAX_TEXT, "target.name");
        limit(text, MAX_TEXT, "target.text");
        limit(context, MAX_TEXT, "target.context");
        limit(form, MAX_TEXT, "target.form");
        limit(landmark, MAX_TEXT, "target.landmark");
        limit(frameName, MAX_TEXT, "target.frameName");
        headings = texts(headings, MAX_HEADINGS, "target.headings");
        hosts = texts(hosts, MAX_HOSTS, "target.hosts");
        attrs = attrs(attrs);
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "target.count must be in 1.." + MAX_COUNT);
        }
        if (index != null && (index < 1 || index > (count == null ? MAX_COUNT : count))) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "target.index must be in 1..count");
        }
    }

    /** Evidence of only a role and a name (e.g. a button's), for tests and bots. */
    public static Target of(String tag, String role, String name) {
        return new Target(tag, role, name, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** True when this names no kind, name or attribute: nothing a candidate could be found by. */
    public boolean findsNothing() {
        return tag == null && role == null && name == null && text == null && attrs.isEmpty();
    }

    /** The value of a stable attribute, or null. */
    public String attr(String key) {
        return attrs.get(key);
    }

    private static void check(String value, Pattern pattern, String field) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad field: " + field);
        }
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: " + field);
        }
    }

    private static List<String> texts(List<String> values, int max, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "at most " + max + " entries in " + field);
        }
        for (String v : values) {
            if (v == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "null element in: " + field);
            }
            limit(v, MAX_TEXT, field);
        }
        return List.copyOf(values);
    }

    /** Sorted by key, so that the same evidence always has the same bytes. */
    private static Map<String, String> attrs(Map<String, String> values) {
        if (values == null) {
            return Map.of();
        }
        if (values.size() > MAX_ATTRS) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "at most " + MAX_ATTRS + " target.attrs");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k == null || !KEY.matcher(k).matches() || v == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad field: target.attrs");
            }
            limit(v, MAX_ATTR, "target.attrs." + k);
            sorted.put(k, v);
        });
        return Collections.unmodifiableMap(sorted);
    }
}
