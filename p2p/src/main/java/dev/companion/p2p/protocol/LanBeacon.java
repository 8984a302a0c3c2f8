package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The LAN beacon: one UDP multicast datagram (docs/protocol.md, "LAN discovery") that says "a
 * classroom's control center (kind classroom), or a terminal that can be paired with (kind terminal),
 * listens on port of the address this datagram came from, with this certificate". Not a {@link Message}: it never travels on a framed connection. Beacons are untrusted:
 * every field is checked here, a failed check is a {@link ProtocolException} (MISSING_FIELD, or
 * BAD_FRAME for what is not JSON or is larger than {@link #MAX_BYTES}), and what a beacon says is
 * believed only after the person compared its confirmation code (dev.companion.p2p.lan.ConfirmCode).
 *
 * @param protocol    {@link Protocol#VERSION}; another version is refused
 * @param kind        what announces itself: "classroom" or "terminal"
 * @param name        the classroom's name as its host typed it, or the person's name on a terminal:
 *                    1–64 characters, no control characters
 * @param port        the control center's TCP port, or the terminal's pairing port (LanPairing), 1–65535
 * @param fingerprint the control center's or terminal's certificate, "sha-256:" + 64 lowercase hex digits
 * @param instance    random per start of the host (1–32 of A–Z a–z 0–9 - _): one beacon heard on
 *                    several interfaces is one classroom
 * @param teacher     a classroom's teacher as their user name on the room's control center, or null (a
 *                    terminal's beacon, or a classroom's from before the field): the name's checks, and
 *                    a user name's shape (NFC; letters, marks, digits and . _ @ - only)
 */
@JsonPropertyOrder({"type", "protocol", "kind", "name", "teacher", "port", "fingerprint", "instance"})
public record LanBeacon(int protocol, String kind, String name, int port, String fingerprint, String instance,
                        String teacher) {
    public static final String TYPE = "lan_beacon";
    public static final String CLASSROOM = "classroom";
    public static final String TERMINAL = "terminal";
    /** The largest beacon read; longer datagrams are dropped unread. */
    public static final int MAX_BYTES = 1024;
    private static final Pattern FINGERPRINT = Pattern.compile("sha-256:[0-9a-f]{64}");
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @JsonCreator
    public LanBeacon(@JsonProperty("protocol") int protocol, @JsonProperty("kind") String kind,
                     @JsonProperty("name") String name, @JsonProperty("port") int port,
                     @JsonProperty("fingerprint") String fingerprint, @JsonProperty("instance") String instance,
                     @JsonProperty("teacher") String teacher) {
        if (protocol != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.VERSION_MISMATCH, "beacon of protocol " + protocol);
        }
        if (!CLASSROOM.equals(kind) && !TERMINAL.equals(kind)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "unknown beacon kind");
        }
        checkName(name);
        if (port < 1 || port > 65535) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad port: " + port);
        }
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad field: fingerprint");
        }
        if (instance == null || !INSTANCE.matcher(instance).matches()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "bad field: instance");
        }
        if (teacher != null) {
            if (!CLASSROOM.equals(kind)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "a teacher only in a classroom's beacon");
            }
            checkTeacher(teacher);
        }
        this.protocol = protocol;
        this.kind = kind;
        this.name = name;
        this.port = port;
        this.fingerprint = fingerprint;
        this.instance = instance;
        this.teacher = teacher;
    }

    /** A classroom's name as a beacon carries it: 1–64 characters, none a control or format character. */
    public static String checkName(String name) {
        return checkText(name, "name");
    }

    private static String checkText(String value, String field) {
        Require.name(value, field);
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "control or format characters in: " + field);
        }
        return value;
    }

    /**
     * A teacher's name as a beacon carries it: a name's checks, and the shape of a user name (the
     * control center's UserNames also refuses mixed scripts; what the beacon says is untrusted until
     * the code is compared anyway): NFC, letters, combining marks, digits and . _ @ - only.
     */
    public static String checkTeacher(String teacher) {
        checkText(teacher, "teacher");
        if (!Normalizer.isNormalized(teacher, Normalizer.Form.NFC) || !teacher.codePoints().allMatch(LanBeacon::userNameChar)) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "not a user name: teacher");
        }
        return teacher;
    }

    private static boolean userNameChar(int c) {
        return Character.isLetterOrDigit(c) || "._@-".indexOf(c) >= 0 || switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }

    /** A classroom's beacon without its teacher's name. */
    public static LanBeacon classroom(String name, int port, String fingerprint, String instance) {
        return classroom(name, null, port, fingerprint, instance);
    }

    /** A classroom's beacon; teacher: the teacher's user name in the room, or null. */
    public static LanBeacon classroom(String name, String teacher, int port, String fingerprint, String instance) {
        return new LanBeacon(Protocol.VERSION, CLASSROOM, name, port, fingerprint, instance, teacher);
    }

    /** A terminal's beacon: someone nearby to pair with, without any control center. */
    public static LanBeacon terminal(String name, int port, String fingerprint, String instance) {
        return new LanBeacon(Protocol.VERSION, TERMINAL, name, port, fingerprint, instance, null);
    }

    /** Whether this beacon announces a classroom (not a terminal). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isClassroom() {
        return CLASSROOM.equals(kind);
    }

    @JsonProperty("type")
    String type() {
        return TYPE;
    }

    /** The datagram's bytes (UTF-8 JSON); refused when larger than {@link #MAX_BYTES}. */
    public byte[] encode() {
        try {
            byte[] bytes = Codec.mapper().writeValueAsBytes(this);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException("beacon longer than " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one datagram's bytes; ProtocolException for anything that is not a valid beacon. */
    public static LanBeacon decode(byte[] data, int length) {
        if (length > MAX_BYTES) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "beacon longer than " + MAX_BYTES + " bytes");
        }
        try {
            var tree = Codec.mapper().readTree(data, 0, length);
            if (tree == null || !tree.isObject()) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "bad beacon");
            }
            if (!TYPE.equals(tree.path("type").asText())) {
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "not a lan_beacon");
            }
            return Codec.mapper().treeToValue(tree, LanBeacon.class);
        } catch (ProtocolException e) {
            throw e;
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            if (e.getCause() instanceof ProtocolException p) {
                throw p;
            }
            throw new ProtocolException(ErrorCode.BAD_FRAME, "bad beacon");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing or mistyped field in beacon");
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "bad beacon");
        }
    }
}
