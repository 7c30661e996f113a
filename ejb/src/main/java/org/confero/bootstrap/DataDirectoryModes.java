package org.confero.bootstrap;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.confero.common.OwnerOnly;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the data directory owner-only on every start: the directory itself, the embedded database's directory and
 * files, the attachments and the keys ({@code 700} directories, {@code 600} files). New files are created so by the
 * server's umask ({@code run.sh}, {@code bin/standalone.conf}) and the stores themselves; this repairs what an older
 * version or a foreign umask left readable, and covers the database files, which H2 creates with the process's umask.
 * It runs after the first start (which creates the database), and an unwritable mode is a warning, not a failed
 * deployment: the operator may have chosen group access on purpose.
 */
@Singleton
@Startup
@DependsOn("FirstStart")
public class DataDirectoryModes {

    private static final Logger LOG = Logger.getLogger(DataDirectoryModes.class);

    /** The subdirectories whose own files are restricted too (not their trees: attachments may be many). */
    private static final String[] PRIVATE_DIRECTORIES = { "db", "attachments", "keys" };

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    @PostConstruct
    void restrict() {
        restrict(Path.of(dataPath));
    }

    static void restrict(Path data) {
        try {
            OwnerOnly.createDirectories(data);
            OwnerOnly.restrict(data);
            for (String name : PRIVATE_DIRECTORIES) {
                Path dir = data.resolve(name);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                OwnerOnly.restrict(dir);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        OwnerOnly.restrict(entry);
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("Could not make the data directory %s owner-only (700/600): %s", data, e);
        }
    }
}
