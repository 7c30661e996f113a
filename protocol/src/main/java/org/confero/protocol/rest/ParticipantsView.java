package org.confero.protocol.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The participants of a meeting present on every router of the cluster, with how they are connected and the call
 * quality they last reported ({@code GET /api/v1/meetings/{id}/participants}, admins only; issue 22).
 *
 * @param meetingId
 *            the meeting
 * @param server
 *            the server that answered ({@code jboss.node.name}); any server answers for every router (the routers
 *            publish their rows to the cluster)
 * @param participants
 *            the answering router's own first, in joining order, then the other routers' by router and name
 */
public record ParticipantsView(String meetingId, String server, List<ParticipantView> participants) {

    public ParticipantsView {
        participants = List.copyOf(participants);
    }

    /**
     * @param id
     *            the participant id the router gave it
     * @param name
     *            its display name
     * @param router
     *            the router carrying it ({@code jboss.node.name})
     * @param zone
     *            that router's meeting zone
     * @param clientKind
     *            {@code java}, {@code cli} or {@code web} as its last quality report said; {@code unknown} before one
     * @param transport
     *            how its audio reaches the router now: {@code udp}, {@code tcp}, {@code websocket}, {@code tunnel}
     *            (through an HTTP tunnel server); {@code none} while no audio connection is bound
     * @param media
     *            per media type ({@code audio}, {@code video}, {@code content}): transport and the last reported
     *            quality
     * @param reportedAt
     *            when its last quality report arrived; absent before the first
     */
    public record ParticipantView(String id, String name, String router, String zone, String clientKind,
            String transport, Map<String, MediaQualityView> media, Instant reportedAt) {

        public ParticipantView {
            media = Map.copyOf(media);
        }
    }

    /**
     * @param transport
     *            as {@link ParticipantView#transport()}, for this media type
     * @param loss
     *            fraction of packets lost (0 to 1) in the last report, absent when not reported
     * @param jitterMs
     *            RFC 3550 interarrival jitter in milliseconds, absent when not reported
     * @param rttMs
     *            round trip of this media type's own connection in milliseconds, absent when not reported
     */
    public record MediaQualityView(String transport, Double loss, Double jitterMs, Double rttMs) {
    }
}
