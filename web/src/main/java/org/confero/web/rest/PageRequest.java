package org.confero.web.rest;

import static org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER;

import jakarta.ws.rs.QueryParam;

import org.confero.common.api.DomainException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Which page of a list to return: {@code ?offset=0&limit=20}, taken by a resource method as
 * {@code @BeanParam PageRequest page}. The parameters are read as text and checked here, so that {@code limit=abc} or
 * {@code limit=1000} is a 400 that says what is allowed (JAX-RS would answer a failed {@code int} conversion of a query
 * parameter with a bare 404).
 */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_ECHO = 20;

    // Documented as the integers they are, although read as text (see above).
    @QueryParam("offset")
    @Parameter(schema = @Schema(type = INTEGER, minimum = "0", defaultValue = "0"))
    private String offset;

    @QueryParam("limit")
    @Parameter(schema = @Schema(type = INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    private String limit;

    /** For JAX-RS, which sets the fields. */
    public PageRequest() {
    }

    public PageRequest(String offset, String limit) {
        this.offset = offset;
        this.limit = limit;
    }

    /** At least 0; 0 when absent. */
    public int offset() {
        return parse("offset", offset, 0, 0, Integer.MAX_VALUE);
    }

    /** From 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when absent. */
    public int limit() {
        return parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static int parse(String name, String text, int absent, int min, int max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was allowed
        }
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text;
        throw DomainException.invalid(name + " must be a whole number " + range + ", not '" + shown + "'");
    }

    @Override
    public String toString() {
        return "PageRequest[offset=" + offset + ", limit=" + limit + "]";
    }
}
