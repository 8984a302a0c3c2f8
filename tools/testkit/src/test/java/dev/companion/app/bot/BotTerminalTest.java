package dev.companion.app.bot;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.flow.Expectation;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowStep;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless bot terminal over a real control center and real peer links, leading carol (a
 * terminal without a browser: her page is the URL she last loaded, so only URL expectations can
 * match there). The bot signs in, invites carol, leads two steps that her page shows, then a step
 * whose element her page cannot show: sent once more, then the bot waits; carol takes the lead (the
 * bot goes quiet) and gives it back (the bot resumes at that step).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BotTerminalTest {
    private static final String SHOP = "http://shop.test/";
    private static final String SEARCH = "http://shop.test/search?q=tea";

    @TempDir
    Path dir;
    private ControlCenter scc;
    private BotTerminal bot;
    private HeadlessTerminal carol;
    private final BlockingQueue<BotLeader.Event> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {bot, carol, scc}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    private static FlowStep go(String from, String to, Expectation expect, String hint) {
        return new FlowStep(from, Action.navigate(to, NavigationCause.USER), expect, hint, 0L, null);
    }

    /** A control center with the bot guide and carol as friends; the bot (manual or not) with flow, and carol. */
    private void start(Flow flow, boolean manual) throws Exception {
        scc = ControlCenters.startWithFriends(dir, "guide", "carol");
        bot = new BotTerminal(new BotTerminal.Config("guide", "guide-pass", dir.resolve("guide"), "127.0.0.1", scc.port(),
                scc.fingerprint(), "127.0.0.1", manual), flow, events::add);
        carol = new HeadlessTerminal("carol", dir.resolve("carol"), scc.port(), scc.fingerprint());
    }

    /** Both sign in; the bot invites carol, who accepts: the bot leads their group. */
    private void carolJoinsTheBot() throws Exception {
        bot.signIn().get(20, TimeUnit.SECONDS);
        carol.login();
        bot.invite("carol").get(10, TimeUnit.SECONDS);
        await(() -> !carol.invitations.isEmpty(), "carol invited");
        carol.session.answer(carol.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
    }

    private void expectEvents(String... wanted) throws InterruptedException {
        for (String w : wanted) {
            BotLeader.Event e = events.poll(30, TimeUnit.SECONDS);
            assertThat(e).as("the bot's event " + w).isNotNull();
            assertThat(e.state() + " " + e.step()).isEqualTo(w);
        }
    }

    @Test
    void signsInInvitesLeadsRetriesWaitsAndHandsTheLeadOverAndBack() throws Exception {
        Flow flow = new Flow("Find green tea", "en", List.of(
                go(SHOP, SHOP, new Expectation(SHOP + "*", null, null), "Open the shop."),
                go(SHOP, SEARCH, new Expectation("http://shop.test/search?*", null, null), "Search for tea."),
                go(SEARCH, SEARCH, new Expectation(null, "#results li", null), "Look at the results.")));
        start(flow, false);
        carolJoinsTheBot();

        expectEvents("SENT 1", "SENT 2", "SENT 3");
        BotLeader.Event retry = events.poll(30, TimeUnit.SECONDS);
        assertThat(retry).isEqualTo(new BotLeader.Event(BotLeader.State.RETRYING, 3, "Look at the results."));
        expectEvents("STUCK 3");
        await(() -> SEARCH.equals(carol.page), "carol on the search page");
        assertThat(carol.applied).extracting(a -> ((Action.Navigate) a).url()).startsWith(SHOP, SEARCH);

        // carol takes the lead: the bot gives it and goes quiet
        carol.session.askLead().get(10, TimeUnit.SECONDS);
        await(() -> carol.group != null && "carol".equals(carol.group.leader()), "carol leads");
        expectEvents("QUIET 3");
        // and gives it back: the bot resumes at the step it stopped at
        carol.session.offerLead("guide").get(10, TimeUnit.SECONDS);
        await(() -> carol.group != null && "guide".equals(carol.group.leader()), "the bot leads again");
        expectEvents("SENT 3", "RETRYING 3", "STUCK 3");
    }

    @Test
    void withManualTheBotSwitchesItsGroupToManualAndThePersonAcceptsEachStep() throws Exception {
        Flow flow = new Flow("Open the shop", "en", List.of(
                go(SHOP, SHOP, new Expectation(SHOP + "*", null, null), "Open the shop."),
                go(SHOP, SEARCH, new Expectation("http://shop.test/search?*", null, null), "Search for tea.")));
        start(flow, true);
        BlockingQueue<Long> nextPressed = new LinkedBlockingQueue<>();
        carol.session.setStepDecider((from, seq, actions) -> {
            nextPressed.add(seq); // carol presses Next
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        });
        carolJoinsTheBot();
        expectEvents("SENT 1", "SENT 2", "DONE 3");
        assertThat(carol.group.manual()).isTrue();
        assertThat(nextPressed).containsExactly(1L, 2L);
        assertThat(carol.page).isEqualTo(SEARCH);
    }

    /** What carol's terminal heard the bot say, as "say step/steps hint". */
    private List<String> said() {
        return carol.botSaid.stream().map(b -> b.say() + " " + b.step() + "/" + b.steps() + (b.hint() == null ? "" : " " + b.hint()))
                .toList();
    }

    private void awaitSaid(String... wanted) throws InterruptedException {
        await(() -> {
            List<String> heard = said();
            return heard.size() >= wanted.length && heard.subList(heard.size() - wanted.length, heard.size())
                    .equals(List.of(wanted));
        }, "carol heard " + List.of(wanted));
    }

    @Test
    void thePersonHearsTheBotsWordsAndAnswersRetryBackAndIDidIt() throws Exception {
        Flow flow = new Flow("Find green tea", "en", List.of(
                go(SHOP, SHOP, new Expectation(SHOP + "*", null, null), "Open the shop."),
                go(SHOP, SEARCH, new Expectation("http://shop.test/search?*", null, null), "Search for tea."),
                go(SEARCH, SEARCH, new Expectation(null, "#results li", null), "Look at the <b>results</b>.\nAll of them.")));
        start(flow, false);
        carolJoinsTheBot();
        expectEvents("SENT 1", "SENT 2", "SENT 3", "RETRYING 3", "STUCK 3");
        String look = "Look at the <b>results</b>. All of them."; // plain text: the line break is a space
        awaitSaid("step 1/3 Open the shop.", "step 2/3 Search for tea.", "step 3/3 " + look, "retrying 3/3 " + look,
                "stuck 3/3 " + look);

        assertThat(carol.botSaid.get(carol.botSaid.size() - 1).expect()).as("waiting, the bot says what the step expects")
                .isEqualTo(new Messages.Expect(null, "#results li", null));
        carol.session.answerBot(BotReply.RETRY, 3, carol.page, null); // Retry: the step goes again
        expectEvents("SENT 3", "RETRYING 3", "STUCK 3");
        awaitSaid("step 3/3 " + look, "retrying 3/3 " + look, "stuck 3/3 " + look);

        carol.session.answerBot(BotReply.BACK, 3, carol.page, null); // Back one step: step 2 goes again
        expectEvents("SENT 2", "SENT 3", "RETRYING 3", "STUCK 3");
        awaitSaid("step 2/3 Search for tea.", "step 3/3 " + look, "retrying 3/3 " + look, "stuck 3/3 " + look);

        // I did it, but carol's page does not show the results the step expects (her page's check said so)
        carol.session.answerBot(BotReply.DID_IT, 3, carol.page, false);
        expectEvents("NOT_DONE 3");
        awaitSaid("not_done 3/3 " + look);
        carol.session.answerBot(BotReply.DID_IT, 3, carol.page, true); // and once it does, the bot goes on
        expectEvents("DONE 4");
        awaitSaid("done 4/3");
        assertThat(said()).as("every word the bot said, in order").containsExactly("step 1/3 Open the shop.",
                "step 2/3 Search for tea.", "step 3/3 " + look, "retrying 3/3 " + look, "stuck 3/3 " + look,
                "step 3/3 " + look, "retrying 3/3 " + look, "stuck 3/3 " + look,
                "step 2/3 Search for tea.", "step 3/3 " + look, "retrying 3/3 " + look, "stuck 3/3 " + look,
                "not_done 3/3 " + look, "done 4/3");
    }
}
