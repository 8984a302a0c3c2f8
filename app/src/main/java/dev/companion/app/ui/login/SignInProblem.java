package dev.companion.app.ui.login;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a sign-in failed, in the person's language: what happened and what to do, told apart by the
 * failure's type (a refused password, nothing listening, no such host, a changed certificate, no answer,
 * a cut connection) rather than by the English text inside it. What it does not know is shown as
 * before ("Sign-in failed: …").
 */
public final class SignInProblem {
    private SignInProblem() {
    }

    /** The sentence for failure, a sign-in to the control center at server (HOST:PORT). */
    public static String explain(Texts t, Throwable failure, String server) {
        Throwable e = AppActions.cause(failure);
        if (e instanceof ProtocolException pe) {
            return switch (pe.code()) {
                case BAD_CREDENTIALS -> t.get("login.problem.credentials");
                case TOO_MANY_ATTEMPTS -> t.get("login.problem.tooMany", seconds(pe));
                case BUSY, TOO_MANY_CONNECTIONS, RATE_LIMITED -> t.get("login.problem.busy", seconds(pe));
                case VERSION_MISMATCH -> t.get("login.problem.version");
                default -> t.get("login.failed", AppActions.message(pe));
            };
        }
        if (has(e, UnknownHostException.class)) {
            return t.get("login.problem.noHost", host(server));
        }
        if (has(e, ConnectException.class)) {
            return t.get("login.problem.notRunning", server);
        }
        if (has(e, SSLException.class)) {
            return t.get("login.problem.certificate", server);
        }
        if (e instanceof TimeoutException) {
            return t.get("login.problem.noAnswer", server);
        }
        if (e instanceof IOException) {
            return t.get("login.problem.lost", server);
        }
        return t.get("login.failed", AppActions.message(e));
    }

    /** The wait a refusal asked for, in whole seconds (at least 1). */
    private static long seconds(ProtocolException pe) {
        Long ms = pe.retryAfter();
        return ms == null ? 1 : Math.max(1, (ms + 999) / 1000);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (kind.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** HOST of HOST:PORT or [IPv6]:PORT. */
    private static String host(String server) {
        int colon = server.lastIndexOf(':');
        String h = colon > 0 ? server.substring(0, colon) : server;
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
