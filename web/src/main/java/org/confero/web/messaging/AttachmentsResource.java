package org.confero.web.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

import org.confero.messaging.attachment.Attachments;
import org.confero.protocol.rest.AttachmentView;
import org.confero.web.rest.Callers;
import org.confero.web.rest.CrossSiteProtected;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Files of a room's messages. Upload: the raw bytes as the body, their type as {@code Content-Type}, the file name as
 * {@code ?name=}; the answer's id then goes into a message's {@code attachments}. Download: members only, always as an
 * attachment with {@code nosniff} and a sandboxing CSP, so no uploaded file is ever rendered as a page of Confero's.
 */
@Path("chat/rooms/{roomId}/attachments")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class AttachmentsResource {

    @EJB
    private Attachments attachments;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.WILDCARD)
    @CrossSiteProtected
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file into the room (streamed; size and type checked). Send the header "
            + "Confero-Request (any value), which a cross-site form cannot, else 415")
    public Response upload(@PathParam("roomId") String roomId, @QueryParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        AttachmentView stored = attachments.upload(Callers.current(security).actor(), roomId, name, contentType, body);
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id()).build()).entity(stored).build();
    }

    @GET
    @Path("{attachmentId}")
    @Operation(summary = "Download a file of the room")
    public Response download(@PathParam("roomId") String roomId, @PathParam("attachmentId") String attachmentId) {
        Attachments.Download download = attachments.open(Callers.current(security).actor(), roomId, attachmentId);
        AttachmentView file = download.attachment();
        CacheControl privateCache = new CacheControl();
        privateCache.setPrivate(true);
        privateCache.setMaxAge(3600);
        return Response.ok(download.file().toFile(), file.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(file.fileName()))
                .header(HttpHeaders.CONTENT_LENGTH, file.size()).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'").tag(new EntityTag(file.sha256()))
                .cacheControl(privateCache).build();
    }
}
