package dev.companion.app.bot;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowStep;
import dev.companion.p2p.protocol.BotSay;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;

/**
 * What a bot tells its group about one change of its state (bot_says, docs/protocol.md "A bot's
 * words"): the key, step of steps, the step's hint as plain text and, while the bot waits for the
 * person, what the step expects (so their "I did it" can be checked in their page). Shared by the
 * headless bot ({@link BotTerminal}) and the window's own guide ({@link WindowGuide}).
 */
record BotSpeech(BotSay say, int step, int steps, String hint, Messages.Expect expect) {
    /** The words for e, or null when nobody is told (waiting for a follower, or quiet). */
    static BotSpeech of(Flow flow, BotLeader.Event e) {
        int steps = flow.steps().size();
        int step = Math.min(e.step(), steps + 1);
        BotSay say = switch (e.state()) {
            case SENT -> BotSay.STEP;
            case RETRYING -> BotSay.RETRYING;
            case STUCK -> BotSay.STUCK;
            case OWNER_ONLY -> BotSay.YOURS;
            case DONE -> BotSay.DONE;
            case NOT_DONE -> BotSay.NOT_DONE;
            case WAITING_FOR_FOLLOWER, QUIET -> null; // nobody to tell, or no longer the bot's to say
        };
        if (say == null) {
            return null;
        }
        FlowStep at = step <= steps ? flow.steps().get(step - 1) : null;
        String hint = at == null ? null : plain(at.hint());
        boolean waits = say == BotSay.STUCK || say == BotSay.YOURS || say == BotSay.NOT_DONE;
        Messages.Expect expect = waits && at != null && at.expect() != null ? at.expect().toWire() : null;
        return new BotSpeech(say, step, steps, hint, expect);
    }

    /** A flow's hint as a bot_says hint: control characters (line breaks) as spaces, clipped. */
    static String plain(String hint) {
        if (hint == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(hint.length());
        hint.codePoints().forEach(c -> b.appendCodePoint(Character.getType(c) == Character.CONTROL ? ' ' : c));
        String s = b.toString().strip();
        int end = Protocol.MAX_BOT_HINT;
        if (s.length() <= end) {
            return s.isEmpty() ? null : s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(end - 1)) ? end - 1 : end);
    }
}
