package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.flow.FlowStep;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * alice shares a flow with bob over their real peer link (real control center, TLS, SQLite
 * profiles): bob is asked first and only his yes stores it; a bad file is refused back to alice
 * with the import's line, step and reason, and bob is never asked.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FlowShareTest {
    @TempDir
    Path dir;
    private ControlCenter scc;
    private HeadlessTerminal alice;
    private HeadlessTerminal bob;
    /** bob's person: each question, answered by the test. */
    private final BlockingQueue<Asked> asked = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> kept = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> aliceProblems = new LinkedBlockingQueue<>();

    private record Asked(String from, Flow flow, CompletableFuture<Boolean> answer) {
    }

    @BeforeEach
    void start() throws Exception {
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol");
        alice = new HeadlessTerminal("alice", dir.resolve("alice"), scc.port(), scc.fingerprint());
        bob = new HeadlessTerminal("bob", dir.resolve("bob"), scc.port(), scc.fingerprint());
        bob.session.setFlowInbox(new FlowInbox(System::currentTimeMillis, (from, flow) -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            asked.add(new Asked(from, flow, answer));
            return answer;
        }, flow -> kept.add(bob.store().flows().add(flow).flow().name())));
        alice.session.addListener(new SessionListener() {
            @Override
            public void onProblem(String code, String detail) {
                aliceProblems.add(code + " " + detail);
            }
        });
        alice.login();
        bob.login();
        alice.session.invite("bob").get(10, TimeUnit.SECONDS);
        await(() -> !bob.invitations.isEmpty(), "bob invited");
        bob.session.answer(bob.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> alice.linked.contains("bob") && bob.linked.contains("alice"), "alice and bob linked");
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, scc}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    /** About n * 700 bytes: 120 steps travel in three parts. */
    private static Flow flow(String name, int n) {
        List<FlowStep> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(new FlowStep("http://shop.test/p" + i, new Action.Click("http://shop.test/p" + i, "", "#b" + i),
                    null, "Press the button. ".repeat(25) + i, 0L, i == 3));
        }
        return new Flow(name, "en", steps);
    }

    @Test
    void bobIsAskedAndOnlyHisYesKeepsTheFlow() throws Exception {
        Flow tea = flow("Green tea", 120);
        assertThat(FlowFormat.export(tea).length()).isGreaterThan(64 * 1024);
        alice.session.shareFlow("bob", tea).get(10, TimeUnit.SECONDS);
        Asked q = asked.poll(20, TimeUnit.SECONDS);
        assertThat(q).as("bob was asked").isNotNull();
        assertThat(q.from()).isEqualTo("alice");
        assertThat(q.flow()).isEqualTo(tea);
        assertThat(bob.store().flows().list()).as("nothing before his yes").isEmpty();
        q.answer().complete(true);
        assertThat(kept.poll(20, TimeUnit.SECONDS)).isEqualTo("Green tea");
        assertThat(bob.store().flows().list()).singleElement().satisfies(e -> assertThat(e.steps()).isEqualTo(120));
        assertThat(bob.store().flows().get(bob.store().flows().list().get(0).id()).flow().steps().get(3).ownerOnly())
                .isTrue();

        alice.session.shareFlow("bob", flow("Not wanted", 2)).get(10, TimeUnit.SECONDS);
        Asked no = asked.poll(20, TimeUnit.SECONDS);
        assertThat(no.flow().name()).isEqualTo("Not wanted");
        no.answer().complete(false);
        assertThat(bob.store().flows().list()).hasSize(1);
        assertThat(aliceProblems).isEmpty();
    }

    @Test
    void aBadFileIsRefusedBackToTheSenderAndBobIsNeverAsked() throws Exception {
        String bad = FlowFormat.export(flow("Sneaky", 1)).replace("\"kind\": \"click\"", "\"kind\": \"hover\"");
        alice.session.shareBytes("bob", bad.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        String problem = aliceProblems.poll(20, TimeUnit.SECONDS);
        assertThat(problem).isEqualTo("ACTION_REFUSED from bob: flow_share refused: flow refused: BAD_FIELD at line 10, "
                + "step 1: unknown action kind: hover");
        assertThat(asked).isEmpty();
        assertThat(bob.store().flows().list()).isEmpty();
        assertThatThrownBy(() -> alice.session.shareFlow("carol", flow("x", 1))).as("carol is not in the group")
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
    }
}
