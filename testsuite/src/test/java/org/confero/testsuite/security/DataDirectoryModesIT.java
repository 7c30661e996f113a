package org.confero.testsuite.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ChatClient;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test server's data directory after its first start: the data directory, the live H2 database and the attachments
 * are its user's only (700 directories, 600 files). prepare-server.sh creates the directory under the build's umask
 * (755) and the server's JVM inherits that umask, so what this sees is what the server itself made of it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataDirectoryModesIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @Test
    @Timeout(60)
    void theDatabaseAndAttachmentsAreOwnerOnly() throws Exception {
        // The server is up and has used its database (the first start's admin can log in).
        assertThat(new Http().send("GET", base.toURI().resolve("/api/v1/meetings"), null, "Authorization",
                Http.basic("admin", FirstStartCredentials.adminPassword())).statusCode()).isEqualTo(200);
        Path data = Path.of(System.getProperty("confero.test.data"));

        assertThat(mode(data)).as(data.toString()).isEqualTo("rwx------");
        Path db = data.resolve("db");
        assertThat(mode(db)).as(db.toString()).isEqualTo("rwx------");
        List<Path> databases = list(db, "*.mv.db");
        assertThat(databases).as("the embedded H2 database").isNotEmpty();
        for (Path database : databases) {
            assertThat(mode(database)).as(database.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    @Timeout(60)
    void anUploadedAttachmentIsOwnerOnly() throws Exception {
        URI server = base.toURI();
        String password = FirstStartCredentials.adminPassword();
        String host = "modes-" + System.nanoTime();
        HttpResponse<String> created = new Http().send("POST", server.resolve("/api/v1/users"), """
                {"username":"%s","role":"host","password":"a long password 4"}""".formatted(host), "Authorization",
                Http.basic("admin", password));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ChatClient admin = new ChatClient(HttpClient.newHttpClient(), server, "admin", password);
        String roomId = admin.openDirect(host).getString("id");
        byte[] content = ("file modes " + host).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> uploaded = admin.upload(roomId, "modes.txt", "text/plain", content);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);

        Path attachments = Path.of(System.getProperty("confero.test.data"), "attachments");
        assertThat(mode(attachments)).isEqualTo("rwx------");
        List<Path> mine;
        try (Stream<Path> tree = Files.walk(attachments)) {
            mine = tree.filter(Files::isRegularFile).filter(file -> sameBytes(file, content)).toList();
        }
        assertThat(mine).as("the uploaded file under " + attachments).hasSize(1);
        for (Path path = mine.get(0); !path.equals(attachments); path = path.getParent()) {
            assertThat(mode(path)).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
        }
    }

    private static boolean sameBytes(Path file, byte[] content) {
        try {
            return Files.size(file) == content.length && java.util.Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        try (var entries = Files.newDirectoryStream(dir, glob)) {
            return java.util.stream.StreamSupport.stream(entries.spliterator(), false).toList();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
