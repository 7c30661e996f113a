package org.confero.web.rest;

import jakarta.ws.rs.core.Response.ResponseBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.confero.protocol.rest.PageView;

/**
 * Adds RFC 8288 {@code Link} headers ({@code rel="next"}, {@code rel="prev"}) to a page of a list, built from the
 * request URI so that every other query parameter (a filter, a sort) is kept.
 */
public final class PageLinks {

    private PageLinks() {
    }

    public static ResponseBuilder add(ResponseBuilder response, UriInfo uri, PageView<?> page) {
        // long: offset + limit may pass Integer.MAX_VALUE.
        long next = (long) page.offset() + page.limit();
        if (next < page.total() && next <= Integer.MAX_VALUE) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("offset", next)
                    .replaceQueryParam("limit", page.limit()).build(), "next");
        }
        if (page.offset() > 0) {
            // From past the end, prev is the last page.
            long prev = Math.max(0, Math.min(page.offset(), page.total()) - page.limit());
            response.link(uri.getRequestUriBuilder().replaceQueryParam("offset", prev)
                    .replaceQueryParam("limit", page.limit()).build(), "prev");
        }
        return response;
    }
}
