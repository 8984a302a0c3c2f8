package dev.companion.scc.session;

import dev.companion.p2p.protocol.ControlRequest;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.auth.HashPool;
import dev.companion.scc.auth.LoginHandler;
import dev.companion.scc.auth.LoginLimits;
import dev.companion.scc.auth.LoginThrottle;
import dev.companion.scc.auth.Tokens;
import dev.companion.scc.group.GroupHandler;
import dev.companion.scc.group.GroupService;
import dev.companion.scc.group.LeadHandler;
import dev.companion.scc.ice.IceHandler;
import dev.companion.scc.ice.IceSettings;
import dev.companion.scc.invite.InviteHandler;
import dev.companion.scc.join.JoinHandler;
import dev.companion.scc.presence.ContactHandler;
import dev.companion.scc.presence.Presence;
import dev.companion.scc.signal.SignalHandler;
import dev.companion.scc.usage.UsageHandler;
import dev.companion.scc.usage.UsageTally;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each received message to its handler; runs on the logic thread.
 *
 * <p>Bad input never closes the connection: an over-long frame is FRAME_TOO_LARGE, a frame that does
 * not decode gets the decoder's code (BAD_FRAME, UNKNOWN_TYPE, MISSING_FIELD) with the frame's req
 * when readable (both answered by {@link SccIoHandler}, which decodes frames and also answers ping
 * and drops pong on the I/O thread), anything but a {@link ControlRequest} is UNKNOWN_TYPE. Who may
 * send each request, in which state and in answer to what is decided in one place, {@link RequestRules},
 * before its handler runs: before login every other request is NOT_LOGGED_IN, requests other than
 * login must carry a req (MISSING_FIELD), then each request's own rule. A refused request changes
 * nothing; an unexpected failure is INTERNAL (its transaction rolled back).
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final LoginHandler login;
    private final Lifecycle lifecycle;
    private final ContactHandler contacts;
    private final InviteHandler invites;
    private final GroupHandler groups;
    private final LeadHandler lead;
    private final SignalHandler signals;
    private final Logic logic;
    private final IceHandler ice;
    private final JoinHandler join;
    private final UsageHandler usage;
    private final UsageTally tally;
    private final RequestRules rules;

    public Dispatcher(Hub hub, Logic logic, HashPool hashing, LoginLimits limits, Duration awayGrace) {
        this(hub, logic, hashing, limits, awayGrace, new IceHandler(IceSettings.NONE, hub.clock()));
    }

    public Dispatcher(Hub hub, Logic logic, HashPool hashing, LoginLimits limits, Duration awayGrace, IceHandler ice) {
        this.logic = logic;
        this.ice = ice;
        this.rules = new RequestRules(hub);
        GroupService groupService = new GroupService(hub);
        Tokens tokens = new Tokens(hub.clock(), hub.terminals());
        this.contacts = new ContactHandler(hub);
        this.invites = new InviteHandler(hub, groupService);
        this.groups = new GroupHandler(hub, groupService);
        this.lead = new LeadHandler(hub, groupService);
        this.signals = new SignalHandler(hub);
        this.join = new JoinHandler(hub, groupService);
        this.usage = new UsageHandler(hub);
        this.tally = new UsageTally(logic, groupService::tally);
        this.lifecycle = new Lifecycle(hub, groupService, new Presence(hub.contacts()), contacts, invites, join, tokens,
                logic, awayGrace);
        this.login = new LoginHandler(hub, logic, hashing, new LoginThrottle(limits), tokens, lifecycle);
    }

    /** A decoded message from conn (ping and pong are answered and dropped before they get here). */
    public void message(Conn conn, Message m) {
        try {
            route(conn, m);
        } catch (ProtocolException e) {
            conn.send(e.toMessage(m.req()));
        } catch (Exception e) {
            LOG.error("{}: {} failed", conn, m.getClass().getSimpleName(), e);
            conn.send(new Messages.Error(m.req(), ErrorCode.INTERNAL, "internal error; nothing was changed"));
        }
    }

    /** Counts time in groups that are still going (every few minutes, and when the control center stops). */
    public UsageTally usageTally() {
        return tally;
    }

    public void closed(Conn conn) {
        lifecycle.closed(conn);
    }

    /** At start-up: users, members of groups kept from before, are away; each gets the away grace from now. */
    public void restarted(List<String> awayUsers) {
        logic.post(() -> lifecycle.awayAfterRestart(awayUsers));
    }

    private void route(Conn conn, Message m) throws Exception {
        if (!(m instanceof ControlRequest r)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "not a request: " + m.getClass().getSimpleName());
        }
        rules.check(conn, r);
        switch (r) { // every request has its handler: the compiler says when one is missing
            case Messages.Login l -> login.login(conn, l);
            case Messages.ContactAdd a -> contacts.add(conn, a);
            case Messages.ContactAccept a -> contacts.accept(conn, a);
            case Messages.Invite i -> invites.invite(conn, i);
            case Messages.InviteAnswer a -> invites.answer(conn, a);
            case Messages.GroupLeave l -> groups.leave(conn, l);
            case Messages.Signal s -> signals.signal(conn, s);
            case Messages.IceServers i -> ice.iceServers(conn, i);
            case Messages.GroupSet s -> groups.set(conn, s);
            case Messages.FollowPause p -> groups.pause(conn, p);
            case Messages.LeadAsk a -> lead.ask(conn, a);
            case Messages.LeadOffer o -> lead.offer(conn, o);
            case Messages.LeadAnswer a -> lead.answer(conn, a);
            case Messages.JoinCode c -> join.code(conn, c);
            case Messages.JoinLookup l -> join.lookup(conn, l);
            case Messages.JoinAsk a -> join.ask(conn, a);
            case Messages.JoinDecide d -> join.decide(conn, d);
            case Messages.UsageReport u -> usage.report(conn, u);
            case Messages.UsageGet g -> usage.get(conn, g);
        }
    }
}
