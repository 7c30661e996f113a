package org.confero.messaging.attachment;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The attachment settings: {@code confero.chat.attachment.max.bytes} (default 25 MiB),
 * {@code confero.chat.attachment.types} (default: every type in {@link AttachmentPolicy#KNOWN}) and the store under
 * {@code confero.data.path/attachments}, the disk every server of a cluster shares.
 */
@ApplicationScoped
public class AttachmentSettings {

    public static final String MAX_BYTES = "confero.chat.attachment.max.bytes";

    @Inject
    @ConfigProperty(name = MAX_BYTES, defaultValue = "26214400")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "confero.chat.attachment.types")
    Optional<List<String>> types;

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    private AttachmentPolicy policy;
    private AttachmentStore store;

    @PostConstruct
    void init() {
        policy = types.map(list -> new AttachmentPolicy(maxBytes, list))
                .orElseGet(() -> AttachmentPolicy.defaults(maxBytes));
        store = new AttachmentStore(Path.of(dataPath, "attachments"));
    }

    public AttachmentPolicy policy() {
        return policy;
    }

    public AttachmentStore store() {
        return store;
    }
}
