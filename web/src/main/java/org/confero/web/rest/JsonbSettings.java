package org.confero.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B configuration of the API, for requests and answers alike (and for {@code application/problem+json}).
 * Instants are ISO-8601 (JSON-B's default, kept by setting no date format), nulls are left out, output is compact.
 * Unknown properties in a request are refused (a 400 naming the property) rather than dropped, so that a typo in an
 * integrator's request is not silently lost.
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    /** Yasson's switch (YassonConfig.FAIL_ON_UNKNOWN_PROPERTIES), named by string to stay off Yasson's API. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    // Jsonb is thread-safe and costly to build (it caches class models): one per application.
    private final Jsonb jsonb = JsonbBuilder.create(config());

    public static JsonbConfig config() {
        return new JsonbConfig().withNullValues(false).withFormatting(false).setProperty(FAIL_ON_UNKNOWN_PROPERTIES,
                true);
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
