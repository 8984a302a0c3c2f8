package dev.companion.app.bot;

import dev.companion.app.flow.Flow;
import dev.companion.app.follow.NoPage;
import dev.companion.app.session.SessionListener;
import dev.companion.app.session.SessionService;
import dev.companion.app.store.LocalStore;
import dev.companion.app.thread.Threads;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A terminal without a person: the app's own session (control center, peer links, follow engine,
 * the profile's SQLite file and identity) with no browser, leading a flow ({@link BotLeader}). It
 * accepts every invitation (only a contact can invite it: the control center checks), invites
 * whoever it is told to, gives the lead to a member who asks for it (the person takes over; the bot
 * goes quiet) and takes it back when offered (the bot resumes). With manual, it switches the groups
 * it leads to manual following, so the person accepts each step (Next). It tells its group what it
 * does (bot_says: the follower's guide panel words it; while it waits for the person, with the step's
 * expectation) and takes the person's answers (bot_answer: retry, I did it, back one step) while it
 * waits for them.
 */
public final class BotTerminal implements SessionListener, AutoCloseable {
    /** How to reach the control center and where the bot keeps its profile. */
    public record Config(String user, String password, Path profile, String sccHost, int sccPort,
                         String sccFingerprint, String bindHost, boolean manual) {
    }

    private final Config config;
    private final LocalStore store;
    private final SessionService session;
    private final ScheduledExecutorService scheduler = Threads.timer("bot-session");
    private final BotLeader leader;
    private final Flow flow;
    private final Set<String> linked = ConcurrentHashMap.newKeySet();
    private volatile Messages.GroupState group;

    public BotTerminal(Config config, Flow flow, Consumer<BotLeader.Event> events) throws java.io.IOException {
        this.config = config;
        store = LocalStore.open(config.profile());
        Identity identity = Identity.loadOrCreate(config.profile().resolve("identity.p12"), "companion-terminal");
        session = new SessionService(new SessionService.Config(config.sccHost(), config.sccPort(),
                config.sccFingerprint(), identity, config.bindHost()), store, new NoPage(), scheduler);
        this.flow = flow;
        leader = new BotLeader(config.user(), flow, (actions, expect) -> session.engine().sendStep(actions, expect), e -> {
            events.accept(e);
            say(e);
        });
        session.addFollowListener(leader);
        session.addListener(this);
    }

    /** Signs in (the bot appears online to its contacts). */
    public CompletableFuture<Messages.LoginOk> signIn() {
        return session.login(config.user(), config.password());
    }

    /** Invites a contact into a new group led by the bot. */
    public CompletableFuture<Messages.InviteSent> invite(String user) {
        return session.invite(user);
    }

    public BotLeader leader() {
        return leader;
    }

    public SessionService session() {
        return session;
    }

    @Override
    public void onInvitation(Messages.Invitation invitation) {
        session.answer(invitation.id(), true);
    }

    @Override
    public void onLink(String user, boolean up) {
        if (up) {
            linked.add(user);
            lead(group);
        } else {
            linked.remove(user);
        }
    }

    /**
     * Hands g to the leader -- when the bot leads it, only once a link to another member is up: a
     * step sent before would be covered by that member's join catch-up instead of applied.
     */
    private void lead(Messages.GroupState g) {
        boolean leading = g != null && config.user().equals(g.leader());
        if (leading && config.manual() && !g.manual()) {
            return; // the switch to manual following is under way: its group state starts the lead
        }
        if (!leading || g.members().stream().anyMatch(m -> linked.contains(m.user()))) {
            leader.onGroup(g);
        }
    }

    @Override
    public void onGroup(Messages.GroupState g, String reason, String user) {
        group = g;
        if (g != null && config.manual() && config.user().equals(g.leader()) && !g.manual()) {
            // the manual group state follows and starts the lead; a refusal (GROUP_CHANGED: the
            // group moved on meanwhile) is tried again with the group state that comes next
            session.setSettings(g.mode(), Following.MANUAL, g.scope(), g.kinds(), g.pages(), g.localAddresses());
            return;
        }
        lead(g);
    }

    /**
     * Tells the group what the bot does (bot_says: a key and plain parameters; the follower's app
     * words it), on the bot's session timer so the leader's lock is not held while sending.
     */
    private void say(BotLeader.Event e) {
        BotSpeech w = BotSpeech.of(flow, e);
        if (w != null) {
            scheduler.execute(() -> session.botSays(w.say(), w.step(), w.steps(), w.hint(), w.expect()));
        }
    }

    @Override
    public void onBotAnswer(Messages.BotAnswer answer) {
        leader.onAnswer(answer.answer(), answer.step(), answer.page(), answer.matched());
    }

    @Override
    public void onLeadProposal(Messages.LeadProposal p) {
        if (config.user().equals(p.to())) {
            session.answerLead(p.id(), true); // a person asks for the lead, or gives it back
        }
    }

    @Override
    public void close() {
        session.close();
        scheduler.shutdownNow();
        store.close();
    }
}
