package org.confero.messaging.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentStoreTest {

    private static final byte[] PNG_HEADER = { (byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    @TempDir
    Path root;

    private final AttachmentPolicy policy = AttachmentPolicy.defaults(1024 * 1024);

    @Test
    void storesTheBytesUnderItsKeyWithSizeAndSha256() throws Exception {
        byte[] png = png(200_000);
        StoredFile stored = store().write(new ByteArrayInputStream(png), policy.maxBytes(), signature("image/png"),
                "image/png");

        assertThat(stored.size()).isEqualTo(png.length);
        assertThat(stored.sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
        assertThat(Files.readAllBytes(store().pathOf(stored.key()))).isEqualTo(png);
        assertThat(stored.key()).matches("[0-9a-f]{2}/[0-9a-f-]{36}");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aStoredFileIsReadableByTheServersUserOnly() throws Exception {
        StoredFile stored = new AttachmentStore(root.resolve("attachments")).write(new ByteArrayInputStream(png(100)),
                policy.maxBytes(), signature("image/png"), "image/png");

        Path file = root.resolve("attachments").resolve(stored.key());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("attachments"))))
                .as("a root the store creates").isEqualTo("rwx------");
    }

    @Test
    void refusesAFileOverTheLimitAndLeavesNothingBehind() throws IOException {
        assertThatThrownBy(
                () -> store().write(new ByteArrayInputStream(png(2048)), 1024, signature("image/png"), "image/png"))
                        .isInstanceOfSatisfying(DomainException.class,
                                e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void refusesContentThatContradictsTheDeclaredType() throws IOException {
        byte[] executable = "MZ\u0090\u0000 this is not a picture".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(
                () -> store().write(new ByteArrayInputStream(executable), 1024, signature("image/png"), "image/png"))
                        .isInstanceOfSatisfying(DomainException.class,
                                e -> assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void refusesTextWithANulByteFarIntoTheFile() throws IOException {
        byte[] text = new byte[300_000];
        java.util.Arrays.fill(text, (byte) 'a');
        text[250_000] = 0;
        assertThatThrownBy(
                () -> store().write(new ByteArrayInputStream(text), 1024 * 1024, signature("text/plain"), "text/plain"))
                        .isInstanceOfSatisfying(DomainException.class,
                                e -> assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void aBodyThatBreaksOffIsTheClientsFailureAndLeavesNothing() throws IOException {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 100) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> store().write(broken, 1024, signature("text/plain"), "text/plain"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(
                () -> store().write(new ByteArrayInputStream(new byte[0]), 1024, signature("text/plain"), "text/plain"))
                        .isInstanceOf(DomainException.class);
    }

    @Test
    void neverResolvesAKeyOutsideTheRoot() {
        assertThatThrownBy(() -> store().pathOf("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().pathOf("ab/../../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyAllowsOnlyListedTypesAndIgnoresParameters() {
        AttachmentPolicy onlyPdf = new AttachmentPolicy(10, List.of("application/pdf"));
        assertThat(onlyPdf.signatureOf("application/PDF; version=1.7")).isPresent();
        assertThat(onlyPdf.signatureOf("image/png")).isEmpty();
        assertThat(onlyPdf.signatureOf(null)).isEmpty();
        assertThat(policy.signatureOf("application/x-msdownload")).isEmpty();
    }

    @Test
    void officeDocumentsAreZipFilesAndWebpNeedsBothMarks() {
        byte[] zip = { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        assertThat(signature("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .matchesHeader(zip, zip.length)).isTrue();
        byte[] riffWave = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] riffWebp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(signature("image/webp").matchesHeader(riffWave, riffWave.length)).isFalse();
        assertThat(signature("image/webp").matchesHeader(riffWebp, riffWebp.length)).isTrue();
    }

    @Test
    void aShortFileIsCheckedAgainstWhatItHas() throws IOException {
        StoredFile gif = store().write(new ByteArrayInputStream("GIF89a".getBytes(StandardCharsets.US_ASCII)), 1024,
                signature("image/gif"), "image/gif");
        assertThat(gif.size()).isEqualTo(6);
        assertThatThrownBy(() -> store().write(new ByteArrayInputStream(new byte[] { (byte) 0x89, 0x50 }), 1024,
                signature("image/png"), "image/png")).isInstanceOf(DomainException.class);
    }

    private AttachmentStore store() {
        return new AttachmentStore(root);
    }

    private ContentSignature signature(String type) {
        return policy.signatureOf(type).orElseThrow();
    }

    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        System.arraycopy(PNG_HEADER, 0, bytes, 0, PNG_HEADER.length);
        return bytes;
    }

    private List<Path> leftovers() throws IOException {
        Path incoming = root.resolve(".incoming");
        return Files.isDirectory(incoming) ? filesUnder(incoming) : List.of();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
