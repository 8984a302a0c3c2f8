package dev.companion.bench.connect;

import java.util.List;

/**
 * One row of the connect report: a path (or a way of signing in), where its clock starts and stops,
 * the marks its samples carry (in order; the last is the total, "connected and first action
 * acknowledged") and, for the TLS paths, which handshake its connects are meant to make ("full" or
 * "resumed"; each sample says which one it made, the report counts both). The descriptions go into
 * summary.json and the report as they are.
 */
record Row(String id, String label, String system, String clockStarts, String clockStops, List<Mark> marks, String handshake) {
    /** A moment of a connect and what it is. */
    record Mark(String name, String meaning) {
    }

    /** A row whose connects make no TLS handshake we can tell apart (DataChannel, relay). */
    Row(String id, String label, String system, String clockStarts, String clockStops, List<Mark> marks) {
        this(id, label, system, clockStarts, clockStops, marks, null);
    }

    String total() {
        return marks.getLast().name();
    }

    static final String FULL = "full";
    static final String RESUMED = "resumed";

    static final String LINK_STARTS = "in the dialing terminal's JVM (core 0), just before LinkManager.expect(group, user, offer),"
            + " which dials (both LinkManagers already listen; the peer already expects this terminal)";
    static final String LINK_STOPS = "when the ok for the first 300-byte action arrives at the dialer: the action is sent from"
            + " the listener's onLinkUp, the other terminal (core 1) answers it on the same link";

    static List<Mark> linkMarks(String tcp, String tls) {
        return List.of(new Mark("tcp", tcp + " (warm connects only: a reflection hook on the connector, which exists only"
                        + " after the first dial)"),
                new Mark("accepted", "the accepting terminal's MINA session created: TCP accepted (its JVM's clock;"
                        + " System.nanoTime() is the machine's monotonic clock in every JVM)"),
                new Mark("tls", tls + " done at the dialer (SslEvent.SECURED; warm connects only); peer_hello is written next"),
                new Mark("secured", "TLS done at the accepting terminal (which then checks the dialer's fingerprint is"
                        + " expected, also for a resumed session)"),
                new Mark("up", "peer_hello answered with peer_welcome: onLinkUp"),
                new Mark("ack", "the first action's ok received"));
    }

    static final Row LINK = new Row("link", "our link, first link to a peer (full TLS 1.3 handshake)", "link",
            LINK_STARTS + "; the peer is a terminal this dialer has never linked to: a new identity (certificate) and"
                    + " a new port, made in the other JVM outside the clock (the cold connect links to the terminal that"
                    + " JVM started with)",
            LINK_STOPS,
            linkMarks("the dialed MINA session created: the dial made the TLS context for this peer"
                            + " (Tls.sharedClientContext: one per expected peer, new for a new peer) and TCP connected",
                    "full TLS 1.3 handshake, both certificates sent, signed and checked,"),
            FULL);

    static final Row LINK_REDIAL = new Row("link-redial", "our link, redial to the same peer (resumed TLS 1.3 session)", "link",
            LINK_STARTS + "; the peer is the terminal of the previous connect (a first link), whose link the dialer"
                    + " closed (LinkManager.forget) one pause earlier: the dial takes the shared TLS context of that peer,"
                    + " whose session cache holds the session of the previous connect",
            LINK_STOPS,
            linkMarks("the dialed MINA session created: the dial found the TLS context of this peer made and TCP"
                            + " connected",
                    "TLS 1.3 handshake resuming the earlier session (PSK: no certificates, no signatures)"),
            RESUMED);

    static final String SIGNIN_STOPS = "when connect's future completes with login_ok (on the client's event thread); the"
            + " control center (scc-lite, core 1) verified the secret and committed the terminal online";

    static final Row SIGNIN_PASSWORD = new Row("signin-password", "control center sign-in, password, first sign-in: trust on"
            + " first use (full TLS handshake)", "signin",
            "in the terminal's JVM (core 0), just before new ControlCenterClient(host, port, predicate, listener) and"
                    + " connect(user, password, ...): the constructor the app uses before it has pinned the control"
                    + " center; the predicate notes the fingerprint it is shown and accepts it (trust on first use), the"
                    + " client makes a TLS context of its own, so the handshake is a full one",
            SIGNIN_STOPS + "; the password with Argon2id (m=19 MiB, t=2). After the clock stopped, the fingerprint"
                    + " seen is checked to be the control center's",
            List.of(new Mark("loginOk", "login_ok received")), FULL);

    static final String PINNED_STARTS = "in the terminal's JVM (core 0), just before new ControlCenterClient(host, port,"
            + " pinnedFingerprint, listener) and connect(user, secret, ...): the constructor the app uses once it has"
            + " pinned the control center; every client with that pin shares one TLS context"
            + " (Tls.sharedClientContext), whose session cache holds the session of the previous pinned sign-in, so"
            + " the handshake resumes it. The terminal made one unmeasured pinned sign-in (a full handshake, as the"
            + " first pinned sign-in of a process makes) right after the run's first sign-in";

    static final Row SIGNIN_PASSWORD_PINNED = new Row("signin-password-pinned", "control center sign-in, password, pinned"
            + " (resumed TLS session)", "signin", PINNED_STARTS + "; the secret is the password",
            SIGNIN_STOPS + "; the password with Argon2id (m=19 MiB, t=2)",
            List.of(new Mark("loginOk", "login_ok received")), RESUMED);

    static final Row SIGNIN_TOKEN = new Row("signin-token", "control center sign-in, token, pinned (resumed TLS session)",
            "signin", PINNED_STARTS + "; the secret is the token of the previous login_ok",
            SIGNIN_STOPS + "; the token with a SHA-256 lookup instead of Argon2id",
            List.of(new Mark("loginOk", "login_ok received")), RESUMED);

    static final String DC_STARTS = "in the leader's page (Chromium on core 0), performance.now() just before new RTCPeerConnection";
    static final String DC_STOPS = "in the leader's page, when the follower's echo of the first 300-byte action arrives; the SDP"
            + " offer and answer go leader page → Java → follower page → Java → leader page through Playwright, and that hop counts";

    static List<Mark> dcMarks(String offerLeaves) {
        return List.of(new Mark("described", "createDataChannel + setLocalDescription (the offer) done"),
                new Mark("candidate", "the first UDP host candidate on 127.0.0.1 gathered (icecandidate event)"),
                new Mark("offer", offerLeaves),
                new Mark("answer", "the follower's answer back in the leader's page (Playwright hops, the follower's"
                        + " setRemoteDescription, answer and candidate)"),
                new Mark("open", "the DataChannel's open event in the leader's page (ICE check, DTLS, SCTP done)"),
                new Mark("echo", "the echo of the first action received"));
    }

    static final Row DATACHANNEL = new Row("datachannel", "WebRTC DataChannel (two Chromiums), SDP sent with the first candidate",
            "datachannel", DC_STARTS, DC_STOPS + "; offer and answer leave as soon as they hold a 127.0.0.1 UDP host"
                    + " candidate (what trickle ICE achieves here)",
            dcMarks("the offer leaves the page, holding the loopback candidate"));

    static final Row DATACHANNEL_FULL = new Row("datachannel-full", "WebRTC DataChannel (two Chromiums), SDP sent after"
            + " full ICE gathering", "datachannel", DC_STARTS, DC_STOPS + "; offer and answer leave once ICE gathering is"
                    + " complete (non-trickle, as the link scenario's DataChannel connects)",
            dcMarks("ICE gathering complete: the offer with all its candidates leaves the page"));

    static final Row RELAY = new Row("relay", "WebSocket relay (node ws)", "relay",
            "in the clients' JVM (core 0), just before both clients start opening their WebSocket to relay.js (core 1)",
            "when the leader client receives the follower's ok for the first action (leader → relay → follower → relay"
                    + " → leader)",
            List.of(new Mark("leaderOpen", "the leader's WebSocket open (TCP + HTTP upgrade)"),
                    new Mark("followerOpen", "the follower's WebSocket open"),
                    new Mark("open", "both open (the later of the two, seen by the waiting thread)"),
                    new Mark("echo", "the ok for the first action received by the leader")));

    static final String ICE_STARTS = "in the dialing terminal's JVM (home A, core 0), just before LinkManager.expect(group, user,"
            + " offer), which dials: direct TCP to the other's private addresses fails at once (no route between the homes),"
            + " then a new ICE session gathers host, server-reflexive (STUN) and relayed (a TURN allocation) candidates";
    static final String ICE_STOPS = "when the ok for the first 300-byte action arrives at the dialer; between: the ICE offer"
            + " and answer through the bench's JVM (a stand-in for the control center's signal relay), the checks, QUIC"
            + " (TLS 1.3, the server's certificate pinned, the client's proof), peer_hello / peer_welcome";

    static List<Mark> iceMarks() {
        return List.of(new Mark("up", "peer_hello answered with peer_welcome on the QUIC stream: onLinkUp"),
                new Mark("ack", "the first action's ok received"));
    }

    static final Row ICE = new Row("ice", "our link over ICE, direct through two cone NATs (STUN)", "ice",
            ICE_STARTS, ICE_STOPS + "; the selected pair is server-reflexive to server-reflexive (checked)", iceMarks());

    static final Row TURN = new Row("turn", "our link through the TURN relay (two symmetric NATs)", "turn",
            ICE_STARTS, ICE_STOPS + "; the selected pair goes through coturn (checked)", iceMarks());

    static final List<Row> ALL = List.of(LINK, LINK_REDIAL, SIGNIN_PASSWORD, SIGNIN_PASSWORD_PINNED, SIGNIN_TOKEN, ICE, TURN,
            DATACHANNEL, DATACHANNEL_FULL, RELAY);

    static List<Row> ofSystem(String system) {
        return ALL.stream().filter(r -> r.system().equals(system)).toList();
    }
}
