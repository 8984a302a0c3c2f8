package dev.companion.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages.FlowShare;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A shared flow as untrusted input: every part goes through the wire codec (encoded, decoded) as it
 * would over the link, then to the inbox; each bad input is sent and must be refused with its code,
 * keep nothing and never reach the person.
 */
class FlowInboxTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<CompletableFuture<Boolean>> asked = new CopyOnWriteArrayList<>();
    private final List<Flow> askedFlows = new CopyOnWriteArrayList<>();
    private final List<Flow> kept = new CopyOnWriteArrayList<>();
    private final FlowInbox inbox = new FlowInbox(now::get, (from, flow) -> {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        askedFlows.add(flow);
        asked.add(answer);
        return answer;
    }, kept::add);

    /** A flow of n steps whose hints make it about n * 700 bytes. */
    private static Flow flow(String name, int n) {
        List<FlowStep> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(new FlowStep("http://shop.test/p" + i, new Action.Click("http://shop.test/p" + i, "", "#b" + i),
                    null, "提示 hint ".repeat(50) + i, (long) i, i == n - 1));
        }
        return new Flow(name, "zh-CN", steps);
    }

    private static List<FlowShare> parts(String from, String share, byte[] file) {
        return FlowInbox.parts("g1", from, "bob", share, file);
    }

    private static byte[] bytes(Flow f) {
        return FlowFormat.export(f).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends m as the link would: encoded, decoded, then to the inbox. */
    private FlowInbox.Refused send(String from, FlowShare m) {
        return inbox.onPart(from, (FlowShare) Codec.decode(Codec.encode(m)));
    }

    private List<FlowInbox.Refused> sendAll(String from, List<FlowShare> parts) {
        List<FlowInbox.Refused> out = new ArrayList<>();
        for (FlowShare p : parts) {
            FlowInbox.Refused r = send(from, p);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aFlowInSeveralPartsIsShownToThePersonAndKeptOnlyOnYes() {
        Flow big = flow("大流程", 120);
        List<FlowShare> parts = parts("alice", "s1", bytes(big));
        assertThat(parts).as("over 64 KiB: several parts").hasSizeGreaterThan(2);
        assertThat(parts).allSatisfy(p -> assertThat(Codec.encode(p).length)
                .isLessThan(Protocol.MAX_FRAME_BYTES));
        assertThat(sendAll("alice", parts)).isEmpty();
        assertThat(askedFlows).containsExactly(big);
        assertThat(kept).as("nothing before the person says yes").isEmpty();
        asked.get(0).complete(true);
        assertThat(kept).containsExactly(big);
        assertThat(kept.get(0).steps().get(119).ownerOnly()).as("owner-only stays owner-only").isTrue();

        assertThat(sendAll("alice", parts("alice", "s2", bytes(flow("no thanks", 1))))).isEmpty();
        asked.get(1).complete(false);
        assertThat(kept).hasSize(1);
    }

    @Test
    void aFileTheImportRefusesIsRefusedWithItsLineStepAndReasonAndNeverShown() throws Exception {
        byte[] bad = Files.readAllBytes(Path.of("src/test/resources/flows/bad/unknown-kind.json"));
        List<FlowInbox.Refused> refused = sendAll("alice", parts("alice", "s1", bad));
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.ACTION_REFUSED);
            assertThat(r.reason()).isEqualTo("flow refused: BAD_FIELD at line 9, step 1: unknown action kind: hover");
        });
        byte[] notJson = "{\"format\": \"companion-flow\", \"version\": 1, ".getBytes(StandardCharsets.UTF_8);
        assertThat(sendAll("alice", parts("alice", "s2", notJson))).singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("flow refused: MALFORMED"));
        byte[] newer = Files.readAllBytes(Path.of("src/test/resources/flows/bad/newer-version.json"));
        assertThat(sendAll("alice", parts("alice", "s3", newer))).singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("flow refused: NEWER_VERSION"));
        assertThat(asked).isEmpty();
        assertThat(kept).isEmpty();
    }

    @Test
    void partsOutOfOrderMissingOrOverTheAnnouncedSizeDropTheShare() {
        List<FlowShare> parts = parts("alice", "s1", bytes(flow("three parts", 120)));
        FlowShare first = parts.get(0);
        assertThat(send("alice", parts.get(1)).code()).as("no first part").isEqualTo(ErrorCode.ACTION_REFUSED);
        assertThat(send("alice", first)).isNull();
        assertThat(send("alice", parts.get(2)).reason()).as("a part skipped").contains("out of order");
        assertThat(inbox.open()).isZero();
        assertThat(send("alice", first)).isNull();
        assertThat(send("alice", new FlowShare("g1", "alice", "bob", "other", 1, first.parts(), first.bytes(),
                parts.get(1).data())).reason()).as("another share's part").contains("out of order");
        assertThat(send("alice", first)).isNull();
        assertThat(send("alice", first).reason()).as("a new share before the last was whole").contains("both dropped");
        assertThat(inbox.open()).isZero();
        // more bytes than announced (ten minutes later: those starts count against alice's rate too)
        now.addAndGet(FlowInbox.WINDOW_MS);
        byte[] two = new byte[Protocol.FLOW_SHARE_PART_BYTES];
        String full = Base64.getEncoder().encodeToString(two);
        assertThat(send("alice", new FlowShare("g1", "alice", "bob", "s9", 0, 2, 40_000, full))).isNull();
        assertThat(send("alice", new FlowShare("g1", "alice", "bob", "s9", 1, 2, 40_000, full)).reason())
                .startsWith("more bytes than announced");
        // fewer bytes than announced, and data that is not base64
        assertThat(send("alice", new FlowShare("g1", "alice", "bob", "s10", 0, 1, 900, "e30K")).reason())
                .isEqualTo("the parts hold 3 bytes, not 900");
        assertThat(send("alice", new FlowShare("g1", "alice", "bob", "s11", 0, 1, 10, "not base64!")).reason())
                .isEqualTo("data is not base64");
        assertThat(inbox.open()).isZero();
        assertThat(asked).isEmpty();
        assertThat(kept).isEmpty();
    }

    @Test
    void theWireRefusesAShareOverOneMebibyteOrWithTooManyPartsBeforeTheInboxSeesIt() {
        String over = "{\"type\":\"flow_share\",\"group\":\"g1\",\"from\":\"alice\",\"to\":\"bob\",\"share\":\"s\","
                + "\"part\":0,\"parts\":32,\"bytes\":1048577,\"data\":\"e30K\"}";
        assertThatThrownBy(() -> Codec.decode(over)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
        String tooMany = over.replace("\"parts\":32", "\"parts\":33").replace("1048577", "1000");
        assertThatThrownBy(() -> Codec.decode(tooMany)).isInstanceOf(ProtocolException.class);
        String partPastEnd = over.replace("\"part\":0", "\"part\":32").replace("1048577", "1000");
        assertThatThrownBy(() -> Codec.decode(partPastEnd)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> FlowInbox.parts("g1", "alice", "bob", "s", new byte[Protocol.FLOW_SHARE_MAX_BYTES + 1]))
                .isInstanceOfSatisfying(FlowException.class, e -> assertThat(e.code()).isEqualTo(FlowError.TOO_LARGE));
    }

    @Test
    void aSenderGetsThreeSharesInTenMinutesAndNoneWhileOneWaitsForThePerson() {
        byte[] one = bytes(flow("one", 1));
        assertThat(sendAll("alice", parts("alice", "s1", one))).isEmpty();
        FlowInbox.Refused waiting = send("alice", parts("alice", "s2", one).get(0));
        assertThat(waiting.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(waiting.reason()).contains("waits for an answer");
        asked.get(0).complete(false);
        assertThat(sendAll("alice", parts("alice", "s3", one))).isEmpty();
        asked.get(1).complete(false);
        assertThat(sendAll("alice", parts("alice", "s4", one))).isEmpty();
        asked.get(2).complete(false);
        assertThat(send("alice", parts("alice", "s5", one).get(0)).code()).as("a fourth in ten minutes")
                .isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(sendAll("carol", parts("carol", "c1", one))).as("per sender").isEmpty();
        now.addAndGet(FlowInbox.WINDOW_MS);
        assertThat(sendAll("alice", parts("alice", "s6", one))).as("ten minutes later").isEmpty();
        assertThat(asked).hasSize(5);
    }

    @Test
    void atMostEightSharesAreReceivedAtOnce() {
        List<FlowShare> parts = parts("x", "s", bytes(flow("big", 120)));
        for (int i = 0; i < FlowInbox.MAX_OPEN; i++) {
            FlowShare p = parts.get(0);
            assertThat(send("m" + i, new FlowShare("g1", "m" + i, "bob", "s", 0, p.parts(), p.bytes(), p.data()))).isNull();
        }
        FlowShare p = parts.get(0);
        assertThat(send("m9", new FlowShare("g1", "m9", "bob", "s", 0, p.parts(), p.bytes(), p.data())).code())
                .isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(inbox.open()).isEqualTo(FlowInbox.MAX_OPEN);
    }
}
