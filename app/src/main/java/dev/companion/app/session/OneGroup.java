package dev.companion.app.session;

import dev.companion.p2p.protocol.Messages;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One group per window. A window's browser follows one leader and sends its person's actions to one
 * group, but a terminal can be in an online group (through the control center) and in a pair's group
 * on the LAN ({@link LanSession}). Each of those needs the person's consent (an accepted invitation,
 * a join, a confirmed pairing), so the group that opened last is the one the person chose: when one
 * side's group gains a second member while the other side is in a group, the other side leaves it and
 * the person is told why. Without this, the person's actions went to both groups and both leaders
 * drove the one browser.
 *
 * <p>The sessions call their listeners on their own threads; the decision is serialised here, in the
 * order the groups opened.
 */
public final class OneGroup {
    /** One of the two places a group can come from. */
    public interface Side {
        /** The group this side is in, or null (any thread). */
        Messages.GroupState group();

        /** Leaves that group (asynchronously; the side tells its listeners as for any leave). */
        void leave();
    }

    /** Which side a group came from. */
    public enum Where { ONLINE, LAN }

    private final Side online;
    private final Supplier<Side> lan;
    private final BiConsumer<Where, Messages.GroupState> left;
    private Where active;

    /**
     * @param online the control center's session
     * @param lan    the LAN session, or a supplier answering null while the person has not started it
     * @param left   told which side was left for the other, with the group left (any thread)
     */
    public OneGroup(Side online, Supplier<Side> lan, BiConsumer<Where, Messages.GroupState> left) {
        this.online = online;
        this.lan = lan;
        this.left = left;
    }

    /** The listener to add to the control center's session. */
    public SessionListener online() {
        return listener(Where.ONLINE);
    }

    /** The listener to add to the LAN session. */
    public SessionListener lan() {
        return listener(Where.LAN);
    }

    private SessionListener listener(Where where) {
        return new SessionListener() {
            @Override
            public void onGroup(Messages.GroupState group, String reason, String user) {
                changed(where, group);
            }
        };
    }

    void changed(Where where, Messages.GroupState group) {
        Messages.GroupState leaving = null;
        Side other = null;
        synchronized (this) {
            if (group == null) {
                if (active == where) {
                    active = null;
                }
                return;
            }
            if (group.members().size() < 2) {
                return; // alone in it (an invitation not answered yet): nobody follows or is followed
            }
            if (active != where) {
                other = side(where == Where.ONLINE ? Where.LAN : Where.ONLINE);
                leaving = other == null ? null : other.group();
                active = where;
            }
        }
        if (leaving != null) {
            other.leave();
            left.accept(where == Where.ONLINE ? Where.LAN : Where.ONLINE, leaving);
        }
    }

    private Side side(Where where) {
        return where == Where.ONLINE ? online : lan.get();
    }
}
