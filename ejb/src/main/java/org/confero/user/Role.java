package org.confero.user;

/** What a user may do. Hosts schedule and run their own meetings; admins also manage users, zones and tunnels. */
public enum Role {
    HOST, ADMIN;

    /** The role name as Elytron and {@code @RolesAllowed} see it. */
    public String roleName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
