package dev.companion.scc.session;

import dev.companion.scc.auth.Users;
import dev.companion.scc.group.Groups;
import dev.companion.scc.invite.Invitations;
import dev.companion.scc.presence.Contacts;
import dev.companion.scc.presence.Online;
import dev.companion.scc.presence.Terminals;
import dev.companion.scc.store.Store;
import dev.companion.scc.usage.UsageDays;
import java.time.Clock;
import java.time.Duration;

/**
 * What the request handlers share: the store and its tables, the clock, who is online, whether new
 * groups follow pages on local addresses, the usage counts. Logic thread only.
 */
public record Hub(Store store, Clock clock, Duration invitationTtl, Online online, Users users,
                  Contacts contacts, Terminals terminals, Invitations invitations, Groups groups,
                  boolean localAddresses, UsageDays usage) {

    public static Hub of(Store store, Clock clock, Duration invitationTtl) {
        return of(store, clock, invitationTtl, false);
    }

    public static Hub of(Store store, Clock clock, Duration invitationTtl, boolean localAddresses) {
        return new Hub(store, clock, invitationTtl, new Online(), new Users(store), new Contacts(store),
                new Terminals(store), new Invitations(store), new Groups(store), localAddresses, new UsageDays(store));
    }

    public long now() {
        return clock.millis();
    }

    public Outbox outbox() {
        return new Outbox(online);
    }
}
