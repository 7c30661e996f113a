package org.confero.web.backup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

import org.confero.backup.Backups;
import org.confero.protocol.rest.BackupView;
import org.confero.protocol.rest.RestoreView;
import org.confero.web.rest.CrossSiteProtected;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Backups of the installation (admins only): {@code GET} lists them newest first, {@code POST} makes one now
 * ({@code 201} with its {@code Location}), {@code POST /{id}/restore} replaces every row and attachment with a backup's
 * after checking all of its checksums. Errors: {@code not-found}, {@code backup-corrupt} (422),
 * {@code backup-incompatible} (409: another schema version), {@code backup-in-progress} (409).
 */
@Path("backups")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class BackupsResource {

    @EJB
    private Backups backups;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "Backups, newest first: id, time, server, status, size, rows per table, attachment files")
    public List<BackupView> list() {
        return backups.list();
    }

    @POST
    @CrossSiteProtected
    @Operation(summary = "Make a backup now: a consistent database dump and a copy of the attachments. "
            + "No body; send the header Confero-Request (or Content-Type: application/json), else 415")
    public Response create() {
        BackupView created = backups.create();
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One backup")
    public BackupView get(@PathParam("id") String id) {
        return backups.get(id);
    }

    @POST
    @Path("{id}/restore")
    @CrossSiteProtected
    @Operation(summary = "Restore a backup: every row and attachment replaced, after its checksums are verified. "
            + "No body; send the header Confero-Request (or Content-Type: application/json), else 415")
    public RestoreView restore(@PathParam("id") String id) {
        return backups.restore(id);
    }
}
