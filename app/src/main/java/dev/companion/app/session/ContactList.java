package dev.companion.app.session;

import dev.companion.p2p.protocol.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This user's contacts as the control center last told them: the list in {@code login_ok} (again at
 * every reconnect), then {@code contact_update} and {@code presence} pushes. Each change goes to the
 * listeners as the whole list. Session thread only.
 */
final class ContactList {
    private final SessionThread thread;
    private final Map<String, Messages.Contact> contacts = new LinkedHashMap<>();

    ContactList(SessionThread thread) {
        this.thread = thread;
    }

    /** The list of a login_ok: replaces what was known. */
    void reset(List<Messages.Contact> list) {
        contacts.clear();
        list.forEach(c -> contacts.put(c.user(), c));
        publish();
    }

    void update(Messages.Contact c) {
        contacts.put(c.user(), c);
        publish();
    }

    void presence(Messages.Presence p) {
        Messages.Contact c = contacts.get(p.user());
        if (c != null) {
            contacts.put(p.user(), new Messages.Contact(c.user(), p.online(), c.state()));
            publish();
        }
    }

    private void publish() {
        List<Messages.Contact> list = new ArrayList<>(contacts.values());
        thread.tell(l -> l.onContacts(list));
    }
}
