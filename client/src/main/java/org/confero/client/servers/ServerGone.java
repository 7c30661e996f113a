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
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLHandshakeException && t.getMessage() != null && t.getMessage().contains("PKIX")) {
                return false;
            }
        }
        return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException
                || failure instanceof HttpTimeoutException || failure instanceof ClosedChannelException
                || failure.getCause() instanceof ConnectException || isReset(failure);
    }

    /**
     * Whether the request cannot have reached a Confero server: the connection was never made, or a load balancer
     * answered 503 (it had no server to pass the request to). A timeout or a connection closed under the request may
     * have come after the server acted on it.
     */
    public static boolean unreached(IOException failure) {
        if (failure instanceof ProblemException problem) {
            return problem.status() == 503;
        }
        return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException
                || failure.getCause() instanceof ConnectException;
    }

    // The JDK's HTTP client reports a connection closed or reset under a request as a plain IOException.
    private static boolean isReset(IOException failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection reset") || message.contains("closed") || message.contains("eof")
                || message.contains("broken pipe");
    }
}
