package org.confero.web.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Resources standing in for the real ones: they echo what they were given. */
public final class TestResources {

    private TestResources() {
    }

    public record Participant(String email) {
    }

    public record Booking(String topic, int minutes, Instant start, List<Participant> participants) {
    }

    public record CallerEcho(String username, List<String> roles, String via, String scheme) {
    }

    /** Register an instance: it counts the calls that got through to it. */
    @Path("bookings")
    public static class Bookings {

        private final AtomicInteger calls = new AtomicInteger();

        public int calls() {
            return calls.get();
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Booking book(Booking booking) {
            calls.incrementAndGet();
            return booking;
        }
    }

    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Me {

        @Context
        SecurityContext security;

        @GET
        public CallerEcho me() {
            return Callers.find(security)
                    .map(caller -> new CallerEcho(caller.username(), caller.roles().stream().sorted().toList(),
                            caller.via(), security.getAuthenticationScheme()))
                    .orElse(new CallerEcho(null, List.of(), "guest", security.getAuthenticationScheme()));
        }

        @GET
        @Path("admin")
        @RolesAllowed("admin")
        public CallerEcho admin() {
            return me();
        }
    }
}
