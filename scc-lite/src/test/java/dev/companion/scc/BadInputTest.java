package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad frames get their documented code and the connection carries on, before and after login. */
class BadInputTest extends AliceAndBobTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertError(Messages.Error e, ErrorCode code) {
        assertThat(e.code()).as(e.message()).isEqualTo(code);
    }

    /** Sends every kind of bad input; each is answered and the connection still works. */
    private static void badInputIsAnswered(TestClient c) {
        c.send(utf8("{\"type\":\"contact_add\",\"req\":900001,"));
        assertError(c.push(Messages.Error.class), ErrorCode.BAD_FRAME);

        c.send(utf8("[1,2,3]"));
        assertError(c.push(Messages.Error.class), ErrorCode.BAD_FRAME);

        c.send(utf8("{\"type\":\"teleport\",\"req\":900002}"));
        assertError((Messages.Error) c.answer(900002), ErrorCode.UNKNOWN_TYPE);

        c.send(utf8("{\"type\":\"contact_add\",\"req\":900003}"));
        assertError((Messages.Error) c.answer(900003), ErrorCode.MISSING_FIELD);

        c.send(utf8("{\"req\":900004}"));
        assertError((Messages.Error) c.answer(900004), ErrorCode.MISSING_FIELD);

        // one frame must not read two ways: a field named twice is refused whole, whichever copy comes first
        c.send(utf8("{\"type\":\"ping\",\"t\":1,\"type\":\"contact_add\",\"req\":900005,\"user\":\"bob\"}"));
        Messages.Error twice = c.push(Messages.Error.class);
        assertError(twice, ErrorCode.BAD_FRAME);
        assertThat(twice.message()).isEqualTo("frame names a field twice");
        c.send(utf8("{\"type\":\"contact_add\",\"req\":900006,\"user\":\"bob\",\"user\":\"carol\"}"));
        assertError(c.push(Messages.Error.class), ErrorCode.BAD_FRAME);

        byte[] big = new byte[Protocol.MAX_FRAME_BYTES + 5000];
        Arrays.fill(big, (byte) ' ');
        c.send(big);
        assertError(c.push(Messages.Error.class), ErrorCode.FRAME_TOO_LARGE);

        // server-to-client messages are not requests
        c.refused(r -> new Messages.LoginOk(r, "alice", "t", "token", List.of()), ErrorCode.UNKNOWN_TYPE);
        c.send(new Messages.Presence("bob", true));
        assertError(c.push(Messages.Error.class), ErrorCode.UNKNOWN_TYPE);
        c.sync();
    }

    @Test
    void beforeLogin() {
        TestClient c = f.connect();
        badInputIsAnswered(c);
        c.request(r -> TestClient.login(r, "alice", "alice-pw", "t"), Messages.LoginOk.class);
        c.request(r -> new Messages.ContactAdd(r, "bob"), Messages.Ok.class);
    }

    @Test
    void afterLogin() {
        TestClient bob = f.login("bob");
        TestClient alice = f.login("alice");
        bob.push(Messages.Presence.class);
        badInputIsAnswered(alice);
        alice.send(new Messages.ContactAdd(null, "bob"));
        assertError(alice.push(Messages.Error.class), ErrorCode.MISSING_FIELD);
        alice.refused(r -> new Messages.Invite(r, "bob", "g-none"), ErrorCode.NOT_IN_GROUP);
        // nothing above changed anything; alice still invites bob normally
        alice.request(r -> new Messages.Invite(r, "bob", null), Messages.InviteSent.class);
        bob.push(Messages.Invitation.class);
        bob.assertNoPush();
    }
}
