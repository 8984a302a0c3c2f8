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
}
