package dev.companion.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.browser.BrowserEngine;
import dev.companion.app.browser.BrowserView;
import dev.companion.fidelity.Events.Event;
import dev.companion.p2p.protocol.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The fidelity corpus (tools/fidelity/corpus, one folder per page): every scripted leader session
 * done by real input in a leader's view, each captured action applied to a follower's view of the
 * same page as another user, and every step judged from what the two pages reported (Classifier).
 * One test per page and follower; it fails on any wrong press. The report goes to docs/fidelity.md
 * (and target/fidelity.md); with {@code -Dfidelity.only=PAGE,PAGE} only those pages run, and the
 * report goes to target/fidelity.md only.
 */
class FidelityCorpusTest {
    private static final Path CORPUS = Path.of("corpus");
    private static final String LEADER_HOST = "127.0.0.1";
    private static final String FOLLOWER_HOST = "localhost";

    private static CorpusServer server;
    private static BrowserEngine engine;
    private static Path profile;
    private static Side leader;
    private static Side follower;
    private static final Report REPORT = new Report();

    @BeforeAll
    static void start() throws Exception {
        server = CorpusServer.start(CORPUS);
        profile = Files.createTempDirectory("companion-fidelity");
        engine = BrowserEngine.start(profile);
        Stage stage = FxToolkit.registerPrimaryStage();
        BrowserView[] views = WaitForAsyncUtils.asyncFx(() -> {
            BrowserView l = engine.createView("about:blank");
            BrowserView f = engine.createView("about:blank");
            HBox both = new HBox(l.node(), f.node());
            HBox.setHgrow(l.node(), Priority.ALWAYS);
            HBox.setHgrow(f.node(), Priority.ALWAYS);
            stage.setScene(new Scene(both, 1260, 900));
            stage.show();
            return new BrowserView[] {l, f};
        }).get(Side.WAIT_S, TimeUnit.SECONDS);
        leader = new Side("leader", LEADER_HOST, server.port(), views[0]);
        follower = new Side("follower", FOLLOWER_HOST, server.port(), views[1]);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            String md = REPORT.markdown();
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fidelity.md"), md);
            boolean all = System.getProperty("fidelity.only", "").isEmpty();
            if (all && !REPORT.lines().isEmpty() && Files.isDirectory(Path.of("..", "..", "docs"))) {
                Files.writeString(Path.of("..", "..", "docs", "fidelity.md"), md);
            }
        } finally {
            if (leader != null) {
                leader.view.close();
                follower.view.close();
            }
            if (engine != null) {
                engine.close();
            }
            FxToolkit.cleanupStages();
            if (server != null) {
                server.close();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPageForEveryFollower() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        String only = System.getProperty("fidelity.only", "");
        for (Scenario s : Scenario.all(CORPUS)) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(s.id())) {
                continue;
            }
            for (String user : s.followers()) {
                tests.add(DynamicTest.dynamicTest(s.id() + " as " + user, () -> run(s, user)));
            }
        }
        return tests.stream();
    }

    /** One leader session on page s, followed by user: each step judged; no wrong press. */
    private static void run(Scenario s, String user) throws Exception {
        Events events = server.events();
        long start = events.mark();
        String path = "/" + s.id() + "/" + s.start();
        leader.open(s.leader(), path);
        follower.open(user, path);
        LeaderSteps steps = new LeaderSteps(leader);
        FollowerSteps follow = new FollowerSteps(follower, LEADER_HOST, s.leader(), user, s.rules());
        List<Report.Line> mine = new ArrayList<>();
        Judged last = null;
        for (int i = 0; i < s.steps().size(); i++) {
            Scenario.Step step = s.steps().get(i);
            long mark = events.mark();
            if (last != null) {
                mine.set(mine.size() - 1, last.again(events, user, start, mark));
            }
            List<Action> actions = steps.perform(step);
            awaitReport(events, s.leader(), mark);
            List<Event> meant = events.since(s.leader(), mark);
            FollowerSteps.Applied applied = follow.apply(actions);
            last = new Judged(new Report.Line(s, user, i + 1, step.describe(), applied.actions(), null, applied.reasons()),
                    meant, mark);
            mine.add(last.again(events, user, start, events.mark()));
        }
        follower.eval("true");
        mine.set(mine.size() - 1, last.again(events, user, start, events.mark()));
        mine.forEach(REPORT::add);
        assertThat(mine).as("steps wrongly pressed on %s as %s", s.id(), user)
                .noneMatch(l -> l.verdict() == Verdict.WRONG);
    }

    /**
     * A step and what its leader's page reported (meant), from mark on. Reports the follower's page
     * makes later, up to the next step (a late navigation, a late handler), belong to it: it is judged
     * again with them.
     */
    private record Judged(Report.Line line, List<Event> meant, long mark) {
        Report.Line again(Events events, String user, long start, long upTo) {
            List<Event> got = events.since(user, mark).stream().filter(e -> e.seq() <= upTo).toList();
            Verdict v = Classifier.classify(meant, got, k -> events.valueAt(user, k, start, mark), line.reasons().size());
            return new Report.Line(line.scenario(), line.follower(), line.step(), line.says(), line.actions(), v,
                    line.reasons());
        }
    }

    /** The leader's page reports what a step meant as its handlers run: waits for the first report (3 s at most). */
    private static void awaitReport(Events events, String user, long mark) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (events.since(user, mark).isEmpty() && System.nanoTime() < deadline) {
            leader.drawn();
        }
    }
}
