package org.confero.client.servers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import org.confero.client.http.ProblemException;

/**
 * Whether a failed call means "this server is gone, try the next" rather than "the server said no". A refused or
 * timed-out connection, a connection closed under the request, and a load balancer's 502/503/504 (no server behind it
 * could answer) are; every other answer of a server (a problem document: wrong passcode, not found, …) is final —
 * another server would say the same. A certificate the client does not trust is final too: moving on would not make the
 * next one trusted, and the user must see why.
 */
public final class ServerGone {

    private static final Set<Integer> GATEWAY_FAILURES = Set.of(502, 503, 504);

    private ServerGone() {
    }

    public static boolean is(IOException failure) {
        if (failure instanceof ProblemException problem) {
            return GATEWAY_FAILURES.contains(problem.status());
        }
        if (untrusted(failure)) {
            return false;
        }
        return unreached(failure) || failure instanceof HttpTimeoutException
                || causes(failure, t -> t instanceof ClosedChannelException || isReset(t));
    }

    /**
     * Whether the request cannot have reached a Confero server: the connection was never made, or its TLS handshake
     * failed (the request goes only after it), or a load balancer answered 503 (it had no server to pass the request
     * to). A timeout or a connection closed under the request may have come after the server acted on it.
     */
    public static boolean unreached(IOException failure) {
        if (failure instanceof ProblemException problem) {
            return problem.status() == 503;
        }
        return failure instanceof HttpConnectTimeoutException || causes(failure, t -> t instanceof ConnectException)
                || (causes(failure, t -> t instanceof SSLHandshakeException) && !untrusted(failure));
    }

    // A certificate the client does not trust: final, as the class comment says.
    private static boolean untrusted(IOException failure) {
        return causes(failure,
                t -> t instanceof SSLHandshakeException && t.getMessage() != null && t.getMessage().contains("PKIX"));
    }

    private static boolean causes(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    // The JDK's HTTP client reports a connection closed or reset under a request as a plain IOException (or an
    // SSLException when it happens in the TLS layer), the reason in its message or its cause's.
    private static boolean isReset(Throwable failure) {
        if (!(failure instanceof IOException)) {
            return false;
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection reset") || message.contains("closed") || message.contains("eof")
                || message.contains("broken pipe") || message.contains("terminated the handshake");
    }
}
