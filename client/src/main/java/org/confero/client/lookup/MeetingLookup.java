package org.confero.client.lookup;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.confero.client.http.JsonBodies;
import org.confero.client.http.ProblemException;
import org.confero.protocol.rest.JoinInfoView;

/**
 * Asks the web tier about a meeting. The passcode travels in {@code X-Confero-Passcode}, never in the URL, because
 * proxies and access logs keep URLs (the server refuses {@code ?passcode=}).
 */
public final class MeetingLookup {

    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> panelistCode;

    public MeetingLookup(HttpClient http, Duration timeout) {
        this(http, timeout, Optional.empty());
    }

    /**
     * {@code panelistCode} (issue 23): a webinar's panelist code, from its panelist link, sent in
     * {@code X-Confero-Panelist-Code}; the server seats the participant on stage only when it is the webinar's own.
     */
    public MeetingLookup(HttpClient http, Duration timeout, Optional<String> panelistCode) {
        this.http = http;
        this.timeout = timeout;
        this.panelistCode = panelistCode;
    }

    /**
     * @throws ProblemException
     *             when the server refuses (wrong passcode, unknown meeting, meeting ended, too many attempts), carrying
     *             the problem's type and detail
     */
    public JoinInfoView lookup(URI server, String meetingId, String name, Optional<String> passcode)
            throws IOException, InterruptedException {
        URI uri = server.resolve("/api/v1/meetings/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8)
                + "/join-info?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET();
        passcode.filter(p -> !p.isEmpty()).ifPresent(p -> request.header("X-Confero-Passcode", p));
        panelistCode.filter(p -> !p.isEmpty()).ifPresent(p -> request.header("X-Confero-Panelist-Code", p));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JoinInfoParser.parse(JsonBodies.successOrProblem(response));
    }
}
