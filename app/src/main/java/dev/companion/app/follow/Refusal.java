package dev.companion.app.follow;

import dev.companion.p2p.protocol.ErrorCode;

/** Why a received message was refused: the code the sender is answered with, and words for the log. */
record Refusal(ErrorCode code, String reason) {
}
