package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Scope;
import dev.companion.scc.client.ControlCenterClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's control-center client drives group_set, hand-over and pause against a real control center. */
class ClientFollowingTest extends AliceAndBobTest {
    final List<ControlCenterClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() { // (before the base class closes the control center)
        clients.forEach(ControlCenterClient::close);
    }

    /** A logged-in client whose pushes land in pushes. */
    private ControlCenterClient client(String user, BlockingQueue<Message> pushes) throws Exception {
        ControlCenterClient c = new ControlCenterClient("127.0.0.1", f.cc.port(), f.cc.fingerprint()::equals,
                new ControlCenterClient.Listener() {
                    @Override
                    public void onPush(Message m) {
                        pushes.add(m);
                    }

                    @Override
                    public void onClosed(String reason) {
                    }
                });
        clients.add(c);
        get(c.connect(user, Fixture.pw(user), "t-" + user, List.of("127.0.0.1:40000"), "sha-256:" + "ab".repeat(32)));
        return c;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(TestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static <T extends Message> T next(BlockingQueue<Message> q, Class<T> type) throws InterruptedException {
        while (true) {
            Message m = q.poll(TestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(m).as("a %s push", type.getSimpleName()).isNotNull();
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            assertThat(m).as("unexpected push").isInstanceOf(Messages.Presence.class);
        }
    }

    private static ErrorCode code(CompletableFuture<?> f) {
        try {
            get(f);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ProtocolException.class);
            return ((ProtocolException) e.getCause()).code();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    @Test
    void settingsHandOverAndPauseThroughTheClient() throws Exception {
        BlockingQueue<Message> ap = new LinkedBlockingQueue<>();
        BlockingQueue<Message> bp = new LinkedBlockingQueue<>();
        ControlCenterClient alice = client("alice", ap);
        ControlCenterClient bob = client("bob", bp);
        Messages.InviteSent sent = get(alice.invite("bob", null));
        get(bob.answer(next(bp, Messages.Invitation.class).id(), true));
        String g = sent.group();
        next(ap, Messages.InvitationAnswered.class);
        assertThat(next(ap, Messages.GroupState.class).version()).isEqualTo(1);
        next(bp, Messages.GroupState.class);

        assertThat(code(bob.groupSet(g, 1, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null))).isEqualTo(ErrorCode.NOT_LEADER);
        get(alice.groupSet(g, 1, Mode.MUTUAL, Following.MANUAL, Scope.PARTIAL, List.of(ActionKind.NAVIGATE), List.of("https://example.org/*")));
        Messages.GroupState s = next(bp, Messages.GroupState.class);
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.kinds()).containsExactly(ActionKind.NAVIGATE);
        assertThat(next(ap, Messages.GroupState.class)).isEqualTo(s);
        assertThat(code(bob.groupSet(g, 1, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null))).isEqualTo(ErrorCode.GROUP_CHANGED);

        get(bob.leadAsk(g));
        Messages.LeadProposal ask = next(ap, Messages.LeadProposal.class);
        assertThat(code(bob.leadAnswer(g, ask.id(), true))).isEqualTo(ErrorCode.UNKNOWN_PROPOSAL);
        get(alice.leadAnswer(g, ask.id(), true));
        assertThat(next(bp, Messages.LeadAnswered.class).accepted()).isTrue();
        assertThat(next(bp, Messages.GroupState.class).leader()).isEqualTo("bob");
        next(ap, Messages.GroupState.class);

        get(bob.leadOffer(g, "alice"));
        Messages.LeadProposal offer = next(ap, Messages.LeadProposal.class);
        get(alice.leadAnswer(g, offer.id(), false));
        assertThat(next(bp, Messages.LeadAnswered.class).accepted()).isFalse();

        get(alice.pause(g, true));
        assertThat(next(bp, Messages.GroupState.class).member("alice").state()).isEqualTo(MemberState.PAUSED);
        get(alice.pause(g, false));
        next(ap, Messages.GroupState.class);
        assertThat(next(ap, Messages.GroupState.class).member("alice").state()).isEqualTo(MemberState.HERE);
        get(alice.leave(g));
        assertThat(code(alice.pause(g, false))).isEqualTo(ErrorCode.NOT_IN_GROUP);
        assertThatThrownBy(() -> get(alice.groupSet(g, 1, null, Following.AUTO, Scope.FULL, null, null)))
                .hasCauseInstanceOf(ProtocolException.class); // refused before sending
    }
}
