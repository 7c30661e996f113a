package org.confero.protocol.rest;

import java.util.List;

/**
 * The limits of one server and how often each refused something since that server started ({@code GET /api/v1/limits},
 * admins only). Counts are per server: behind a load balancer, ask each server.
 *
 * @param server
 *            the server that answered ({@code jboss.node.name})
 * @param limits
 *            every limit, in a fixed order
 */
public record LimitsView(String server, List<LimitView> limits) {

    public LimitsView {
        limits = List.copyOf(limits);
    }

    /**
     * @param name
     *            stable name of the limit ({@code lookups}, {@code assigns}, {@code control-connections},
     *            {@code join-deadline}, {@code meeting-full}, {@code chat-rate}, {@code relay-binds})
     * @param property
     *            the MicroProfile Config property that sets it
     * @param setting
     *            the value in force on this server
     * @param meaning
     *            what the setting counts
     * @param refusals
     *            how many requests, connections or messages it refused on this server since start
     */
    public record LimitView(String name, String property, int setting, String meaning, long refusals) {
    }
}
