package dev.companion.fidelity;

/** What became of one leader step on a follower's page. */
public enum Verdict {
    /** The follower's page ends where the leader meant: every report of the leader's step has its value there too. */
    REACHED("reached"),
    /** Nothing wrong was pressed and at least one action was refused, with a reason. */
    REFUSED("refused with a reason"),
    /** The follower's page reported something the leader's did not: a different element was pressed. */
    WRONG("wrongly pressed"),
    /** Nothing wrong, nothing refused, yet the follower's page did not get there (applied without effect). */
    MISSED("applied, not reached");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
