package dev.companion.app.session;

import dev.companion.app.chat.ChatLinks;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.ChatRoom;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.Outbox;
import dev.companion.app.follow.StepDecider;
import dev.companion.app.similar.SimilarUrls;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sign-in's parts, made together and closed together: the peer links ({@link LinkManager}, whose
 * listening addresses go into the login), the follow engine, the chat room, the control-center connection with its
 * reconnect loop ({@link ControlCenterConnector}), the group and its links ({@link GroupLinks}), the
 * peer-link events ({@link PeerEvents}) and the contacts ({@link ContactList}). A sign-in that fails
 * (wrong password, timeout, TLS) closes them all, so nothing of it stays and the next one starts
 * afresh. Routes the control center's pushes to the part they concern, on the session thread.
 */
final class SignedIn implements ControlCenterConnector.Events, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignedIn.class);

    /** What every sign-in of one session is made with. */
    record Env(SessionService.Config config, LocalStore store, FollowTarget target, ScheduledExecutorService scheduler,
               SessionThread thread, SessionService.Reconnect reconnect, StepDecider decider,
               List<FollowListener> followListeners, Supplier<SiteRules> siteRules, List<ChatListener> chatListeners,
               Supplier<FlowInbox> inbox) {
        /** The same, signing in to another control center. */
        Env withConfig(SessionService.Config other) {
            return new Env(other, store, target, scheduler, thread, reconnect, decider, followListeners, siteRules,
                    chatListeners, inbox);
        }
    }

    final String user;
    final LinkManager links;
    final FollowEngine engine;
    final ChatRoom chat;
    final ControlCenterConnector cc;
    final GroupLinks group;
    private final ContactList contacts;
    private final SessionThread thread;
    private final IceSignalling ice;
    private final ScheduledFuture<?> pathCheck;

    private SignedIn(Env env, String user, LinkManager links, FollowEngine engine, ChatRoom chat, List<String> route,
                     PeerEvents peers, IceSignalling ice) {
        this.user = user;
        this.links = links;
        this.engine = engine;
        this.chat = chat;
        this.thread = env.thread();
        this.contacts = new ContactList(thread);
        this.cc = new ControlCenterConnector(env.config(), env.store(), thread, env.reconnect(), user, route, this);
        this.group = new GroupLinks(user, thread, links, engine, chat, cc::client);
        this.ice = ice;
        ice.attach(cc::anyClient);
        peers.onLinkUp(group::linkUp);
        pathCheck = env.scheduler().scheduleWithFixedDelay(() -> thread.run(group::publishPaths), 2, 2, TimeUnit.SECONDS);
    }

    /** Starts listening for peer links and makes the parts; nothing stays when this throws. */
    static SignedIn start(Env env, String user, LinkManager.Timing linkTiming) {
        SessionService.Config config = env.config();
        PeerEvents peers = new PeerEvents(env.thread(), env.inbox());
        LinkManager links = new LinkManager(config.identity(), user, env.store().terminalId(), config.bindHost(), peers,
                linkTiming);
        IceSignalling ice = new IceSignalling();
        links.enableIce(ice); // members a direct connection cannot reach: ICE through the routers, else the relay
        FollowEngine engine = null;
        try {
            Links out = new Links(links);
            engine = new FollowEngine(user, out, env.target(), env.scheduler(), FollowEngine.Timing.DEFAULT,
                    env.store().journal(), env.decider(), Protocol.LOG_BOUND, new SimilarUrls(env.siteRules().get()));
            env.followListeners().forEach(engine::addListener);
            ChatRoom chat = new ChatRoom(user, out, env.store().chatLog(), System::nanoTime, System::currentTimeMillis);
            env.chatListeners().forEach(chat::addListener);
            peers.attach(engine, chat, links);
            List<String> route = links.start();
            return new SignedIn(env, user, links, engine, chat, route, peers, ice);
        } catch (IOException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            links.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen for peer links on " + config.bindHost(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The follow engine's outbox: the peer links (also {@link LanSession}'s). */
    static Outbox outbox(LinkManager lm) {
        return new Links(lm);
    }

    /** The chat room's links: the peer links (also {@link LanSession}'s). */
    static ChatLinks chatLinks(LinkManager lm) {
        return new Links(lm);
    }

    /** The peer links as the follow engine and the chat room send on them. */
    private record Links(LinkManager lm) implements Outbox, ChatLinks {
        @Override
        public int broadcast(String group, Message m) {
            return lm.broadcast(group, m);
        }

        @Override
        public boolean send(String group, String peer, Message m) {
            return lm.send(group, peer, m);
        }
    }

    /** Session thread: the first sign-in, with the password; on success the contacts are known. */
    CompletableFuture<Messages.LoginOk> signIn(String password) {
        return cc.signIn(password).thenApply(ok -> {
            ice.refresh();
            contacts.reset(ok.contacts());
            return ok;
        });
    }

    @Override
    public void onBack(Messages.LoginOk ok) {
        ice.refresh();
        contacts.reset(ok.contacts());
        try {
            group.rejoin(cc.client());
        } catch (ProtocolException e) { // lost again already: the next time back asks again
            LOG.debug("lost again before re-joining: {}", e.getMessage());
        }
    }

    @Override
    public void onPush(Message m) {
        switch (m) {
            case Messages.ContactUpdate u -> contacts.update(u.contact());
            case Messages.Presence p -> contacts.presence(p);
            case Messages.Invitation inv -> thread.tell(l -> l.onInvitation(inv));
            case Messages.InvitationAnswered a -> thread.tell(l -> l.onInvitationAnswered(a));
            case Messages.GroupState g -> group.onGroupState(g);
            case Messages.GroupDissolved d -> group.end(d.group(), d.reason().wire(), d.user());
            case Messages.Signal s -> group.onSignal(s);
            case Messages.LeadProposal p -> thread.tell(l -> l.onLeadProposal(p));
            case Messages.LeadAnswered a -> thread.tell(l -> l.onLeadAnswered(a));
            case Messages.JoinAsked a -> thread.tell(l -> l.onJoinAsked(a));
            case Messages.JoinAnswered a -> thread.tell(l -> l.onJoinAnswered(a));
            case Messages.Error e -> thread.problem(e.code().name(), e.message());
            default -> LOG.debug("ignored push {}", m);
        }
    }

    /** The control-center connection first, then the engine (it lets the action being applied finish), then the links. */
    @Override
    public void close() {
        pathCheck.cancel(false);
        cc.close();
        engine.close();
        links.close();
    }
}
