package dev.companion.app.privacy;

/**
 * What the page agent may share of what is typed on a site (the user's choice, per site, kept in
 * the profile). Stored by its {@link #wire()} name.
 */
public enum SitePolicy {
    /** The default: everything that is clearly not sensitive travels; private fields never do. */
    NOT_SENSITIVE("clear"),
    /** Nothing typed on this site travels: every text field is private (choices and clicks still go). */
    NOTHING_TYPED("nothing");

    private final String wire;

    SitePolicy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The policy stored as name; IllegalArgumentException for anything else. */
    public static SitePolicy fromWire(String name) {
        for (SitePolicy p : values()) {
            if (p.wire.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("not a site policy: " + name);
    }
}
