package dev.companion.app.bot;

import dev.companion.app.flow.Flow;

/** What the headless bot prints for its operator, one line per change of its state (English). */
final class BotWords {
    private BotWords() {
    }

    static String line(Flow flow, BotLeader.Event e) {
        int n = flow.steps().size();
        String at = "step " + Math.min(e.step(), n) + "/" + n;
        String detail = e.detail() == null || e.detail().isEmpty() ? "" : ": " + e.detail();
        return switch (e.state()) {
            case WAITING_FOR_FOLLOWER -> "waiting for someone to follow (" + at + ")";
            case SENT -> at + " sent";
            case RETRYING -> at + " did not work; sent once more" + detail;
            case STUCK -> at + " did not work twice; waiting for the person to take the lead" + detail;
            case OWNER_ONLY -> at + " is the person's to do; waiting for them to take the lead and do it" + detail;
            case QUIET -> "someone else leads; quiet at " + at;
            case DONE -> "done: every step of \"" + flow.name() + "\" worked";
            case NOT_DONE -> at + ": the person said they did it, but their page does not show what it expects; still waiting" + detail;
        };
    }
}
