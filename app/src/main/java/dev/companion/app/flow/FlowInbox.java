package dev.companion.app.flow;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages.FlowShare;
import dev.companion.p2p.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The flows members share with this terminal (flow_share, docs/protocol.md "Sharing a flow"),
 * taken as untrusted input: parts must come in order and add up to the bytes announced, at most
 * 1 MiB (the flow file's limit); a sender may start {@link #MAX_SHARES} shares per
 * {@link #WINDOW_MS} and none while one of theirs waits for the person; at most
 * {@link #MAX_OPEN} shares are being received at once. A whole file is read by the import's strict
 * reader ({@link FlowFormat#read(byte[])}); then the person is asked ({@link Consent}) and only a yes
 * keeps it. Any refusal drops what was received of that share. Thread-safe.
 */
public final class FlowInbox {
    public static final int MAX_SHARES = 3;
    public static final long WINDOW_MS = 10 * 60 * 1000;
    public static final int MAX_OPEN = 8;

    /** Asks the person whether to keep flow, shared by from; completes with their answer. */
    public interface Consent {
        CompletableFuture<Boolean> ask(String from, Flow flow);
    }

    /** Why a part was refused: the code answered to the sender and the words. */
    public record Refused(ErrorCode code, String reason) {
    }

    /** A share being received: the parts so far. */
    private static final class Partial {
        final String share;
        final int parts;
        final int bytes;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        int next;

        Partial(String share, int parts, int bytes) {
            this.share = share;
            this.parts = parts;
            this.bytes = bytes;
        }
    }

    private final LongSupplier clock;
    private final Consent consent;
    private final Consumer<Flow> keep;
    private final Map<String, Partial> open = new HashMap<>();
    private final Map<String, Deque<Long>> starts = new HashMap<>();
    private final Set<String> asking = new HashSet<>();

    /** clock: milliseconds; keep: stores a flow the person said yes to. */
    public FlowInbox(LongSupplier clock, Consent consent, Consumer<Flow> keep) {
        this.clock = clock;
        this.consent = consent;
        this.keep = keep;
    }

    /**
     * One part from member from (PeerRules already let it through): null when taken, else why not
     * (and nothing of that share is kept).
     */
    public Refused onPart(String from, FlowShare part) {
        Flow whole;
        synchronized (this) {
            Refused no = part.part() == 0 ? start(from, part) : next(from, part);
            if (no != null) {
                return no;
            }
            Partial p = open.get(from);
            byte[] chunk;
            try {
                chunk = Base64.getDecoder().decode(part.data());
            } catch (IllegalArgumentException e) {
                return drop(from, "data is not base64");
            }
            if (chunk.length > Protocol.FLOW_SHARE_PART_BYTES || p.data.size() + chunk.length > p.bytes) {
                return drop(from, "more bytes than announced (" + p.bytes + ") or than a part may carry");
            }
            p.data.writeBytes(chunk);
            p.next++;
            if (p.next < p.parts) {
                return null;
            }
            open.remove(from);
            if (p.data.size() != p.bytes) {
                return new Refused(ErrorCode.ACTION_REFUSED, "the parts hold " + p.data.size() + " bytes, not "
                        + p.bytes);
            }
            try {
                whole = FlowFormat.read(p.data.toByteArray());
            } catch (FlowException e) {
                return new Refused(ErrorCode.ACTION_REFUSED, "flow refused: " + e.getMessage());
            }
            asking.add(from);
        }
        CompletableFuture<Boolean> answer;
        try {
            answer = consent.ask(from, whole);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((yes, e) -> {
            synchronized (this) {
                asking.remove(from);
            }
            if (Boolean.TRUE.equals(yes)) {
                keep.accept(whole);
            }
        });
        return null;
    }

    /** Under lock: the first part of a share. */
    private Refused start(String from, FlowShare part) {
        if (open.remove(from) != null) {
            return new Refused(ErrorCode.ACTION_REFUSED, "a new share before the last one was whole: both dropped");
        }
        if (asking.contains(from)) {
            return new Refused(ErrorCode.RATE_LIMITED, "a flow of " + from + " waits for an answer");
        }
        long now = clock.getAsLong();
        Deque<Long> times = starts.computeIfAbsent(from, u -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MS) {
            times.pollFirst();
        }
        if (times.size() >= MAX_SHARES) {
            return new Refused(ErrorCode.RATE_LIMITED, "at most " + MAX_SHARES + " flows from one member in "
                    + WINDOW_MS / 60_000 + " minutes");
        }
        if (open.size() >= MAX_OPEN) {
            return new Refused(ErrorCode.RATE_LIMITED, "too many flows being received at once");
        }
        times.addLast(now);
        open.put(from, new Partial(part.share(), part.parts(), part.bytes()));
        return null;
    }

    /** Under lock: a later part must continue the open share, in order. */
    private Refused next(String from, FlowShare part) {
        Partial p = open.get(from);
        if (p == null || !p.share.equals(part.share()) || p.parts != part.parts() || p.bytes != part.bytes()
                || p.next != part.part()) {
            return drop(from, "part " + part.part() + " of share " + part.share() + " out of order");
        }
        return null;
    }

    private Refused drop(String from, String reason) {
        open.remove(from);
        return new Refused(ErrorCode.ACTION_REFUSED, reason);
    }

    /** Shares being received now (for tests and the log). */
    public synchronized int open() {
        return open.size();
    }

    /** file (a flow file's bytes) as the parts of share from from to to, in order. */
    public static List<FlowShare> parts(String group, String from, String to, String share, byte[] file) {
        if (file.length == 0 || file.length > Protocol.FLOW_SHARE_MAX_BYTES) {
            throw new FlowException(FlowError.TOO_LARGE, "a shared flow has 1 to " + Protocol.FLOW_SHARE_MAX_BYTES
                    + " bytes, not " + file.length);
        }
        int parts = (file.length + Protocol.FLOW_SHARE_PART_BYTES - 1) / Protocol.FLOW_SHARE_PART_BYTES;
        List<FlowShare> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int from0 = i * Protocol.FLOW_SHARE_PART_BYTES;
            int to0 = Math.min(file.length, from0 + Protocol.FLOW_SHARE_PART_BYTES);
            out.add(new FlowShare(group, from, to, share, i, parts, file.length,
                    Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(file, from0, to0))));
        }
        return out;
    }
}
