package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupSettings;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import java.util.function.Supplier;

/**
 * The engine's say just before something is applied: the group as it is now (it may have changed
 * since the message arrived), its scope, local addresses, and mutual mode's agreement.
 */
final class Admissions implements Applier.Admission {
    private final Object lock;
    private final Supplier<GroupState> group;
    private final Registers registers;

    /** group is read, and registers used, under lock (the engine's). */
    Admissions(Object lock, Supplier<GroupState> group, Registers registers) {
        this.lock = lock;
        this.group = group;
        this.registers = registers;
    }

    /** Still in a group, in its scope, and (mutual mode) not superseded by a later change. */
    @Override
    public Applier.Verdict check(Action a, long time, String from) {
        synchronized (lock) {
            GroupState g = group.get();
            if (g == null) {
                return noGroup();
            }
            if (!GroupSettings.inScope(g, a)) {
                return outOfScope("outside the group's scope");
            }
            if (g.mutual() && !registers.offer(a, time, from)) {
                return new Applier.Verdict(Outcome.SUPERSEDED, null, "a later change won");
            }
            return null;
        }
    }

    /** May this terminal load url for someone else? In scope, and not local unless the group allows it. */
    @Override
    public Applier.Verdict page(String url) {
        GroupState g;
        synchronized (lock) {
            g = group.get();
        }
        if (g == null) {
            return noGroup();
        }
        if (!GroupSettings.inScope(g, Action.navigate(url, NavigationCause.USER))) {
            return outOfScope("outside the group's scope");
        }
        if (!g.localAddresses() && HostCheck.local(url)) { // outside the lock: a name lookup
            return outOfScope("a page on a local address (the group does not follow those)");
        }
        return null;
    }

    private static Applier.Verdict noGroup() {
        return new Applier.Verdict(Outcome.REFUSED, ErrorCode.NOT_IN_GROUP.name(), "no group");
    }

    private static Applier.Verdict outOfScope(String why) {
        return new Applier.Verdict(Outcome.REFUSED, ErrorCode.OUT_OF_SCOPE.name(), why);
    }
}
