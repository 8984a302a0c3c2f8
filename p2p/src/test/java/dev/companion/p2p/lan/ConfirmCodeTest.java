package dev.companion.p2p.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.tls.Identity;
import org.junit.jupiter.api.Test;

class ConfirmCodeTest {
    @Test
    void aFingerprintHasOneCodeOfEightDigits() {
        String fp = Identity.create("host").fingerprint();
        assertThat(ConfirmCode.of(fp)).matches("[0-9]{4} [0-9]{4}").isEqualTo(ConfirmCode.of(fp));
    }

    @Test
    void anotherCertificateHasAnotherCode() {
        assertThat(ConfirmCode.of(Identity.create("a").fingerprint())).isNotEqualTo(ConfirmCode.of(Identity.create("b").fingerprint()));
    }

    @Test
    void whatIsNotAFingerprintIsRefused() {
        assertThatThrownBy(() -> ConfirmCode.of("sha-256:ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfirmCode.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPairHasTheSameCodeOnBothSidesAndAnotherPeerGivesAnotherCode() {
        String a = Identity.create("a").fingerprint();
        String b = Identity.create("b").fingerprint();
        String m = Identity.create("mallory").fingerprint();
        assertThat(ConfirmCode.ofPair(a, b)).matches("[0-9]{4} [0-9]{4}").isEqualTo(ConfirmCode.ofPair(b, a));
        assertThat(ConfirmCode.ofPair(a, m)).isNotEqualTo(ConfirmCode.ofPair(m, b)); // what each side of a relay in the middle sees
        assertThat(ConfirmCode.ofPair(a, b)).isNotEqualTo(ConfirmCode.of(a));
    }

    @Test
    void aPairOfOneCertificateOrOfSomethingElseIsRefused() {
        String a = Identity.create("a").fingerprint();
        assertThatThrownBy(() -> ConfirmCode.ofPair(a, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfirmCode.ofPair(a, "sha-256:ABC")).isInstanceOf(IllegalArgumentException.class);
    }
}
