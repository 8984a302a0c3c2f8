package dev.companion.app.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Companion per profile, over a real lock file and a real loopback socket: a later start hands its
 * join link (or "show the window") to the running one; a hand-over without the token, too long, or
 * not a join link is refused and told to no one; after the owner closes, the profile can be claimed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OneInstanceTest {
    @TempDir
    Path profile;
    private OneInstance owner;
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        if (owner != null) {
            owner.close();
        }
    }

    private OneInstance claim() throws IOException {
        OneInstance.Claim c = OneInstance.claim(profile, null);
        assertThat(c).isInstanceOf(OneInstance.Claimed.class);
        return ((OneInstance.Claimed) c).instance();
    }

    @Test
    void aLaterStartHandsItsLinkToTheRunningOneAndEnds() throws Exception {
        owner = claim();
        owner.onHandOver(heard::add);
        assertThat(OneInstance.claim(profile, "companion://join/ABCDE-FGHJK")).isInstanceOf(OneInstance.HandedOver.class);
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("companion://join/ABCDE-FGHJK");
        assertThat(OneInstance.claim(profile, null)).isInstanceOf(OneInstance.HandedOver.class);
        assertThat(heard.poll(10, TimeUnit.SECONDS)).as("show the window").isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.resolve("instance.port"))))
                .as("the token is the owner's only").isEqualTo("rw-------");
    }

    @Test
    void aHandOverBeforeTheWindowListensIsKeptForIt() throws Exception {
        owner = claim();
        assertThat(OneInstance.claim(profile, "companion://join/EARLY12345")).isInstanceOf(OneInstance.HandedOver.class);
        owner.onHandOver(heard::add);
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("companion://join/EARLY12345");
    }

    @Test
    void withoutTheTokenTooLongOrNotAJoinLinkIsRefusedAndToldToNoOne() throws Exception {
        owner = claim();
        owner.onHandOver(heard::add);
        String token = Files.readString(profile.resolve("instance.port")).trim().split(" ")[1];
        assertThat(send("00112233445566778899aabbccddeeff companion://join/ABCDE-FGHJK\n")).isEqualTo("refused");
        assertThat(send("not-hex companion://join/ABCDE-FGHJK\n")).isEqualTo("refused");
        assertThat(send(token + " https://evil.example/\n")).isEqualTo("refused");
        assertThat(send(token + " companion://join/" + "A".repeat(400) + "\n")).isEqualTo("refused");
        assertThat(send(token + " companion://join/A B\n")).isEqualTo("refused");
        assertThat(send(token + "\n")).isEqualTo("refused");
        assertThat(heard).isEmpty();
        // a caller that never finishes its line is dropped after the read timeout; the next is served
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), owner.port())) {
            idle.getOutputStream().write(token.getBytes(StandardCharsets.US_ASCII));
            assertThat(send(token + " companion://join/AFTER12345\n")).isEqualTo("ok");
        }
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("companion://join/AFTER12345");
        assertThatThrownBy(() -> OneInstance.claim(profile, "https://evil.example/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterTheOwnerClosesTheProfileIsClaimedAgain() throws Exception {
        claim().close();
        owner = claim();
        owner.onHandOver(heard::add);
        assertThat(OneInstance.claim(profile, "companion://join/AGAIN12345")).isInstanceOf(OneInstance.HandedOver.class);
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("companion://join/AGAIN12345");
    }

    /** One raw hand-over line; the owner's answer. */
    private String send(String line) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), owner.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }
}
