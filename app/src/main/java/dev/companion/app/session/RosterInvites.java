package dev.companion.app.session;

import dev.companion.p2p.protocol.Messages;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the hosted classroom's students into the teacher's group as they come online: one invitation
 * while there is no group yet (its acceptance makes the group, with the teacher leading), then one for
 * each other student online and not in it. A student is invited once per hosting: one who declines is
 * not asked again (the teacher can still invite them from the contacts); a failed invitation is tried
 * again at the next change of presence. Driven by the session's events, on its thread.
 */
final class RosterInvites implements SessionListener {
    private final SessionService session;
    private Set<String> roster = Set.of();
    private String teacher;
    private final Set<String> online = new LinkedHashSet<>();
    private final Set<String> invited = new HashSet<>();
    /** The invitation that will make the group is out. */
    private boolean firstOut;

    RosterInvites(SessionService session) {
        this.session = session;
        session.addListener(this);
    }

    /** Starts inviting roster for teacher, who signed in seeing contacts. */
    synchronized void start(String teacher, Set<String> roster, List<Messages.Contact> contacts) {
        this.teacher = teacher;
        this.roster = new LinkedHashSet<>(roster);
        invited.clear();
        firstOut = false;
        onContacts(contacts);
    }

    /** Invites no one from now on. */
    synchronized void stop() {
        teacher = null;
        roster = Set.of();
        invited.clear();
        online.clear();
    }

    @Override
    public synchronized void onContacts(List<Messages.Contact> contacts) {
        online.clear();
        contacts.stream().filter(Messages.Contact::online).forEach(c -> online.add(c.user()));
        invite();
    }

    @Override
    public synchronized void onGroup(Messages.GroupState group, String reason, String user) {
        invite();
    }

    @Override
    public synchronized void onInvitationAnswered(Messages.InvitationAnswered answered) {
        firstOut = false; // accepted: the group is made (or joined); declined: the next student may make it
        invite();
    }

    private void invite() {
        if (teacher == null) {
            return;
        }
        Messages.GroupState g = session.group();
        boolean leading = g != null && teacher.equals(g.leader());
        if (g != null && !leading) {
            return; // the teacher follows someone else's group: invite no one into it
        }
        Set<String> members = new HashSet<>();
        if (g != null) {
            g.members().forEach(m -> members.add(m.user()));
        }
        for (String u : online) {
            if (!leading && firstOut) {
                return; // the first acceptance makes the group; the others are invited into it
            }
            if (roster.contains(u) && !members.contains(u) && invited.add(u)) {
                boolean first = !leading;
                firstOut |= first;
                session.invite(u).whenComplete((sent, e) -> {
                    if (e != null) {
                        failed(u, first);
                    }
                });
            }
        }
    }

    private synchronized void failed(String user, boolean first) {
        invited.remove(user);
        if (first) {
            firstOut = false;
        }
    }
}
