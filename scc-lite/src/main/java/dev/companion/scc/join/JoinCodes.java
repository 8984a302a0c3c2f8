package dev.companion.scc.join;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.store.Ids;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live join codes and the asks made with them, in memory only (a restart forgets them: the
 * leader shows a new code). Bounded: one code per group (a new one replaces it; one per user for a
 * new group), at most {@value #MAX_CODES} in all, {@value #MAX_ASKS_PER_CODE} open asks per code and
 * {@value #MAX_ASKS_FROM} per asker. Expired entries are dropped whenever a code or an ask is made.
 * Logic thread only.
 *
 * <p>A code is {@value #LENGTH} symbols of Crockford's base 32 (0-9 and the letters but I, L, O, U),
 * {@value #LENGTH} x 5 = 50 bits from {@link SecureRandom}, shown as two groups of five
 * ({@code 7KQ2M-XH4TD}); typed codes are read in upper case without spaces or dashes, O as 0 and I,
 * L as 1.
 */
public final class JoinCodes {
    static final int LENGTH = 10;
    static final int MAX_CODES = 10_000;
    static final int MAX_ASKS_PER_CODE = 5;
    static final int MAX_ASKS_FROM = 3;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live code: for group (createsGroup: not formed yet), issued by leader, until expiresAt. */
    record Code(String code, String group, String issuer, boolean createsGroup, long expiresAt) {
    }

    /** from (on terminal) asked with code to join its group; the leader decides by expiresAt. */
    record Ask(String id, Code code, String from, long expiresAt) {
    }

    private final Map<String, Code> byCode = new HashMap<>();
    /** The live code of each group (a new group's code under "new:" + its issuer). */
    private final Map<String, Code> byOwner = new HashMap<>();
    private final Map<String, Ask> asks = new HashMap<>();

    /** Issues a new code for group, replacing the group's (or, for a new group, the issuer's) older one. */
    Code issue(String group, String issuer, boolean createsGroup, long expiresAt, long now) {
        purge(now);
        String owner = createsGroup ? "new:" + issuer : group;
        Code old = byOwner.remove(owner);
        if (old != null) {
            byCode.remove(old.code());
        }
        if (byCode.size() >= MAX_CODES) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, "too many join codes are live; try again in a few minutes");
        }
        String text;
        do {
            text = random();
        } while (byCode.containsKey(text));
        Code c = new Code(text, group, issuer, createsGroup, expiresAt);
        byCode.put(text, c);
        byOwner.put(owner, c);
        return c;
    }

    /** The live code typed as typed (any case, spaces and dashes, O for 0...), or null. */
    Code live(String typed, long now) {
        Code c = byCode.get(normalize(typed));
        return c != null && now < c.expiresAt() ? c : null;
    }

    /** A new ask by from with code c; TOO_MANY_PENDING over the caps. */
    Ask ask(Code c, String from, long expiresAt, long now) {
        purge(now);
        if (asks.values().stream().filter(a -> a.code().equals(c)).count() >= MAX_ASKS_PER_CODE) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, "this code has " + MAX_ASKS_PER_CODE
                    + " asks waiting for the leader; try again in a few minutes");
        }
        if (asks.values().stream().filter(a -> a.from().equals(from)).count() >= MAX_ASKS_FROM) {
            throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, "you have " + MAX_ASKS_FROM
                    + " asks to join waiting for an answer");
        }
        Ask a = new Ask(Ids.next("j"), c, from, expiresAt);
        asks.put(a.id(), a);
        return a;
    }

    /** The open, unexpired ask id for group, or null. */
    Ask openAsk(String group, String id, long now) {
        Ask a = asks.get(id);
        return a != null && a.code().group().equals(group) && now < a.expiresAt() ? a : null;
    }

    /** Every open, unexpired ask. */
    List<Ask> open(long now) {
        return asks.values().stream().filter(a -> now < a.expiresAt()).toList();
    }

    void decided(Ask a) {
        asks.remove(a.id());
    }

    /** Code c was used (a joiner let in): it is gone, and so are its other open asks, returned. */
    List<Ask> spent(Code c) {
        byCode.remove(c.code(), c);
        byOwner.values().remove(c);
        List<Ask> others = new ArrayList<>();
        asks.values().removeIf(a -> a.code().equals(c) && others.add(a));
        return others;
    }

    /** Codes and asks held (tests: memory stays bounded). */
    int size() {
        return byCode.size() + asks.size();
    }

    static String normalize(String typed) {
        StringBuilder b = new StringBuilder(LENGTH);
        for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (ch) {
                case ' ', '-' -> { }
                case 'O' -> b.append('0');
                case 'I', 'L' -> b.append('1');
                default -> b.append(ch);
            }
        }
        String s = b.toString();
        return s.length() == LENGTH ? s.substring(0, 5) + "-" + s.substring(5) : s;
    }

    private static String random() {
        StringBuilder b = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == 5) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private void purge(long now) {
        byCode.values().removeIf(c -> now >= c.expiresAt());
        byOwner.values().removeIf(c -> now >= c.expiresAt());
        asks.values().removeIf(a -> now >= a.expiresAt());
    }
}
