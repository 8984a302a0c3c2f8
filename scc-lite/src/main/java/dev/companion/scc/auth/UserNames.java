package dev.companion.scc.auth;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.UnicodeSet;

/**
 * Which user names can be registered, and the keys under which two names count as the same.
 *
 * <p>A name is 1–{@value #MAX} characters in Unicode NFC: letters, combining marks and digits of the
 * scripts Unicode recommends for identifiers (UTS #39's identifier profile, which leaves out
 * invisible joiners, symbols and historic scripts) and {@code . _ @ -}; one script, or Latin with
 * Han/Hiragana/Katakana/Hangul or one other non-Cyrillic, non-Greek script (ICU's MODERATELY_RESTRICTIVE
 * level: {@code "аlice"} with a Cyrillic {@code а} is refused); no mixed digit systems, no repeated
 * or hidden combining marks. ICU4J's {@link SpoofChecker} does these checks.
 *
 * <p>Two names collide when either key agrees (each is a UNIQUE column of {@code users}):
 * <ul>
 *   <li>{@code fold}: the TR39 confusable skeleton of the case-folded name: {@code Alice}, {@code ALICE},
 *       {@code a1ice}, {@code ﬁ} (the ligature) against {@code fi}, Cyrillic {@code асе} against Latin {@code ace};</li>
 *   <li>{@code glyph}: the skeleton of the case-folded skeleton: catches a capital {@code I} drawn like an
 *       {@code l}, which folding alone turns into an {@code i} ({@code biII} against {@code bill}).</li>
 * </ul>
 * Login compares the exact stored name; the keys only keep look-alikes from being registered.
 * Thread-safe (ICU's checkers are immutable once built).
 */
public final class UserNames {
    public static final int MAX = 64;
    private static final UnicodeSet ALLOWED = new UnicodeSet(SpoofChecker.RECOMMENDED)
            .retainAll(new UnicodeSet("[[:L:][:M:][:Nd:]]"))
            .addAll("._@-")
            .freeze();
    private static final SpoofChecker POLICY = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.CHAR_LIMIT | SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS
                    | SpoofChecker.INVISIBLE | SpoofChecker.HIDDEN_OVERLAY)
            .setAllowedChars(ALLOWED)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();
    private static final SpoofChecker SKELETON = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    /** A name's collision keys (see the class comment). */
    public record Keys(String fold, String glyph) {
    }

    private UserNames() {
    }

    /** name in NFC, the form it is checked and stored in. */
    public static String normalize(String name) {
        return NFC.normalize(name);
    }

    /** Why name cannot be registered, for people; null when it can. */
    public static String problem(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX) {
            return "a user name has 1 to " + MAX + " characters";
        }
        if (!NFC.isNormalized(name)) {
            return "a user name must be in Unicode NFC form";
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (!POLICY.failsChecks(name, result)) {
            return null;
        }
        int failed = result.checks;
        if ((failed & SpoofChecker.CHAR_LIMIT) != 0) {
            return "a user name may use letters, digits and . _ @ - only";
        }
        if ((failed & SpoofChecker.RESTRICTION_LEVEL) != 0) {
            return "a user name must not mix scripts (such as Latin with Cyrillic or Greek letters)";
        }
        if ((failed & SpoofChecker.MIXED_NUMBERS) != 0) {
            return "a user name must not mix digits of different number systems";
        }
        return "a user name must not hide or repeat combining marks";
    }

    /** The collision keys of name. */
    public static Keys keys(String name) {
        String folded = UCharacter.foldCase(name, true);
        String glyph = UCharacter.foldCase(SKELETON.getSkeleton(name), true);
        return new Keys(SKELETON.getSkeleton(folded), SKELETON.getSkeleton(glyph));
    }
}
