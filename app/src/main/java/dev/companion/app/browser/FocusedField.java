package dev.companion.app.browser;

import java.util.List;

/**
 * The form field that has the focus in the page (never its value), as the page agent reports it:
 * for the "share this field" choice. reason is why the field is private, null when it travels;
 * shared: the user shared it on this site; fixed: no choice of the user's can share it (a password
 * or file field, a field the site marked private, a site where nothing typed is shared).
 *
 * @param site     the site (host) of the frame the field is in
 * @param frame    the frame path ("" top)
 * @param selector the page agent's selector for the field; null when it has none (cannot be shared)
 */
public record FocusedField(String site, String frame, String selector, String reason, boolean shared, boolean fixed) {
    /** Every reason the page agent gives (24-evidence.js, 25-privacy.js), each with words in the UI's bundles. */
    public static final List<String> REASONS = List.of("password", "file", "marked", "site", "card", "account",
            "code", "id", "login", "masked");

    public FocusedField {
        if (reason != null && !REASONS.contains(reason)) {
            throw new IllegalArgumentException("unknown privacy reason: " + reason);
        }
    }

    /** Whether the user can change what happens to this field (share it, or make it private again). */
    public boolean choosable() {
        return site != null && selector != null && !fixed && (reason != null || shared);
    }
}
