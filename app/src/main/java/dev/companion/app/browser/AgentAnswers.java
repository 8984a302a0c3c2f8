package dev.companion.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.film.FilmReading;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.FieldState;
import dev.companion.p2p.protocol.Messages.MediaState;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What the page agent answers, read on the Java side: an apply or restore "result" as an
 * {@link ApplyResult}, a "state" as a {@link PageState} that fits into one wire frame, a "focus"
 * report as a {@link FocusedField}, and why a call got no answer. The agent's answers are untrusted input (the page may have tampered with it).
 */
final class AgentAnswers {
    /**
     * A snapshot must fit into one wire frame together with its CatchUp envelope; the agent keeps
     * under 48 KiB, this is the guard on the Java side.
     */
    static final int MAX_STATE_BYTES = Protocol.MAX_FRAME_BYTES - 8 * 1024;

    private AgentAnswers() {
    }

    /** The longest reason code and detail taken from the page (a result's reason is cut at 512 anyway). */
    static final int MAX_REASON = 400;

    /** An agent's "result" answer (apply, restore) as an ApplyResult, its reason and detail cut to size. */
    static ApplyResult applyResult(JsonNode msg) {
        if (msg.path("applied").asBoolean(false)) {
            String how = text(msg, "detail"); // applied another way than asked, e.g. "dom-event: not shown"
            return how == null ? ApplyResult.ok() : new ApplyResult(true, null, clip(how));
        }
        String reason = text(msg, "reason");
        String detail = text(msg, "detail");
        return ApplyResult.failed(reason == null ? ApplyResult.ERROR : clip(reason), detail == null ? null : clip(detail));
    }

    /** A picked element's evidence from the page (untrusted: checked as a received one), or null. */
    static Target target(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            Target t = Codec.mapper().treeToValue(node, Target.class);
            return t == null || t.findsNothing() ? null : t;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * A stroke the person drew (untrusted, from the page: checked as a received drawing), or null
     * when its evidence or points are not valid.
     */
    static Stroke stroke(JsonNode msg) {
        Target target = target(msg.get("target"));
        JsonNode xy = msg.get("xy");
        if (target == null || xy == null || !xy.isArray() || xy.size() > 2 * Protocol.MAX_DRAW_POINTS) {
            return null;
        }
        List<Double> points = new ArrayList<>(xy.size());
        for (JsonNode v : xy) {
            if (!v.isNumber()) {
                return null;
            }
            points.add(v.asDouble());
        }
        try {
            Messages.Draw checked = new Messages.Draw("check", "check", 0, target, Ink.RED, Protocol.MIN_DRAW_LIFE_MS, points);
            return new Stroke(checked.target(), checked.xy());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An answer as the agent gives it when it did not apply: reason and detail. */
    static JsonNode notApplied(String reason, String detail) {
        ObjectNode n = Codec.mapper().createObjectNode();
        n.put("applied", false);
        n.put("reason", reason);
        n.put("detail", detail);
        return n;
    }

    /** The action as JSON for the agent of another frame (its evidence found it there). */
    static JsonNode inFrame(Action action, String path) {
        ObjectNode n = Codec.mapper().valueToTree(action);
        n.put("frame", path);
        return n;
    }

    /** s cut to {@link #MAX_REASON} characters (the page chose it). */
    static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON);
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Why a call got no answer: {@link ApplyResult#TIMEOUT}, {@link ApplyResult#NO_PAGE} or error. */
    static ApplyResult failure(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof TimeoutException) {
            return ApplyResult.failed(ApplyResult.TIMEOUT);
        }
        if (cause instanceof NoAgentException) {
            return ApplyResult.failed(ApplyResult.NO_PAGE);
        }
        return ApplyResult.failed(ApplyResult.ERROR);
    }

    /**
     * The agent's "state" answer as a PageState: null when the page is not a web page; fields (then
     * media) beyond {@link #MAX_STATE_BYTES} are dropped from the end.
     *
     * @throws IllegalStateException when the answer is not a valid PageState
     */
    static PageState pageState(JsonNode msg) {
        JsonNode error = msg.get("error");
        if (error != null && !error.isNull()) {
            throw new IllegalStateException("the page agent could not take a snapshot: " + error.asText());
        }
        JsonNode node = msg.get("state");
        if (node == null || node.isNull()) {
            return null;
        }
        PageState state;
        try {
            state = Codec.mapper().treeToValue(node, PageState.class);
        } catch (Exception e) {
            throw new IllegalStateException("the page agent's snapshot is not a valid page state: " + e.getMessage(), e);
        }
        if (state == null) {
            throw new IllegalStateException("the page agent's snapshot is not a valid page state: empty");
        }
        return fit(state);
    }

    /**
     * The agent's "film" answer: a reading whose values are sane (position finite and under 10^7 s,
     * rate in (0, 16], a time, selector and source within the wire's limits), else not found ("refused").
     */
    static FilmReading filmReading(JsonNode film) {
        if (film == null || !film.isObject()) {
            return FilmReading.notFound("refused");
        }
        if (!film.path("found").asBoolean(false)) {
            String reason = text(film, "reason");
            String detail = text(film, "detail");
            return FilmReading.notFound(reason == null ? "refused" : clip(reason), detail == null ? null : clip(detail));
        }
        double position = film.path("position").asDouble(Double.NaN);
        double rate = film.path("rate").asDouble(Double.NaN);
        long at = film.path("at").asLong(-1);
        String selector = text(film, "selector");
        String src = text(film, "src");
        if (!Double.isFinite(position) || position < 0 || position > 1e7 || !Double.isFinite(rate) || rate <= 0
                || rate > 16 || at <= 0 || selector == null || selector.isEmpty() || selector.length() > Action.MAX_SELECTOR
                || src == null || src.length() > Action.MAX_URL) {
            return FilmReading.notFound("refused");
        }
        String failed = text(film, "failed");
        return new FilmReading(true, null, null, selector, src, position, rate, film.path("paused").asBoolean(true),
                film.path("ready").asBoolean(false), at, failed == null ? null : clip(failed));
    }

    static PageState fit(PageState state) {
        List<FieldState> fields = new ArrayList<>(state.fields());
        List<MediaState> media = new ArrayList<>(state.media());
        PageState s = state;
        while (size(s) > MAX_STATE_BYTES && !(fields.isEmpty() && media.isEmpty())) {
            if (!fields.isEmpty()) {
                fields.remove(fields.size() - 1);
            } else {
                media.remove(media.size() - 1);
            }
            s = new PageState(s.url(), fields, s.scrollX(), s.scrollY(), media);
        }
        return s;
    }

    static int size(PageState s) {
        try {
            return Codec.mapper().writeValueAsBytes(s).length;
        } catch (Exception e) {
            throw new IllegalStateException("page state cannot be encoded", e);
        }
    }

    /**
     * The agent's "focus" report as a FocusedField in the frame at path of the site (from what Java
     * knows of the sending frame); null when no field has the focus or the report is malformed.
     */
    static FocusedField focusedField(JsonNode msg, String site, String path) {
        JsonNode field = msg.get("field");
        if (field == null || !field.isObject()) {
            return null;
        }
        String selector = text(field, "selector");
        String reason = text(field, "reason");
        if ((selector != null && selector.length() > SitePrivacy.MAX_SELECTOR)
                || (reason != null && !FocusedField.REASONS.contains(reason))) {
            return null;
        }
        return new FocusedField(site, path, selector, reason, field.path("shared").asBoolean(false),
                field.path("fixed").asBoolean(false));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** No agent (yet) in the frame a call is for, or the view closed. */
    static final class NoAgentException extends IllegalStateException {
        NoAgentException(String message) {
            super(message);
        }
    }
}
