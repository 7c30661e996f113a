package org.confero.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryModesTest {

    @TempDir
    Path temp;

    @Test
    void anInstallationThatOthersCouldReadIsMadeOwnerOnly() throws IOException {
        // What an older version left under a 022 umask: 755 directories, a 644 database and attachment.
        Path data = temp.resolve("data");
        Path db = Files.createDirectories(data.resolve("db"));
        Path database = Files.writeString(db.resolve("confero.mv.db"), "h2");
        Path attachments = Files.createDirectories(data.resolve("attachments/ab"));
        Path tls = Files.createDirectories(data.resolve("tls"));
        for (Path dir : new Path[] { data, db, data.resolve("attachments"), attachments, tls }) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        DataDirectoryModes.restrict(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rwx------");
        assertThat(mode(database)).isEqualTo("rw-------");
        assertThat(mode(data.resolve("attachments"))).isEqualTo("rwx------");
        assertThat(mode(attachments)).isEqualTo("rwx------");
        assertThat(mode(tls)).as("left to ensure-tls.sh, behind the 700 data directory").isEqualTo("rwxr-xr-x");
    }

    @Test
    void aMissingDataDirectoryIsCreatedOwnerOnly() throws IOException {
        Path data = temp.resolve("new/data");

        DataDirectoryModes.restrict(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.getParent())).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
