package org.confero.messaging.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.confero.common.OwnerOnly;
import org.confero.common.api.DomainException;

/**
 * The attachment files under one root directory (the shared disk's {@code attachments/}). A file is streamed to a
 * temporary name through a 64 KiB buffer — counted, hashed and checked as it passes — forced to disk, and only then
 * moved atomically to its key ({@code ab/<uuid>}), so a reader on any server sees a whole file or none. Files are never
 * changed afterwards; that is what makes a backup's copy of the tree consistent with the database rows it names.
 */
public final class AttachmentStore {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{2}/[0-9a-f-]{36}");
    private static final String TEMPORARY = ".incoming";

    private final Path root;

    public AttachmentStore(Path root) {
        this.root = root;
    }

    /**
     * Writes {@code content} as a new file of at most {@code maxBytes} whose bytes match {@code signature}. On any
     * refusal or failure nothing is left behind.
     */
    public StoredFile write(InputStream content, long maxBytes, ContentSignature signature, String declaredType) {
        String name = UUID.randomUUID().toString();
        String key = name.substring(0, 2) + "/" + name;
        Path incoming = root.resolve(TEMPORARY).resolve(name);
        try {
            // Owner-only (700/600) whatever the umask: attachments are private to a meeting's chat.
            OwnerOnly.createDirectories(incoming.getParent());
            StoredFile stored;
            try (FileChannel channel = FileChannel.open(incoming,
                    java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OwnerOnly.fileAttributes())) {
                stored = copy(content, Channels.newOutputStream(channel), maxBytes, signature, declaredType, key);
                channel.force(true);
            }
            Path target = root.resolve(key);
            OwnerOnly.createDirectories(target.getParent());
            try {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(incoming, target);
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store an attachment under " + root, e);
        } finally {
            deleteQuietly(incoming);
        }
    }

    private static StoredFile copy(InputStream in, OutputStream out, long maxBytes, ContentSignature signature,
            String declaredType, String key) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        byte[] header = new byte[ContentSignature.HEADER_BYTES];
        int headerLength = 0;
        boolean headerChecked = false;
        long size = 0;
        int read;
        while ((read = readFrom(in, buffer)) != -1) {
            size += read;
            if (size > maxBytes) {
                throw AttachmentRejections.tooLarge(maxBytes);
            }
            if (!headerChecked) {
                int take = Math.min(read, header.length - headerLength);
                System.arraycopy(buffer, 0, header, headerLength, take);
                headerLength += take;
                if (headerLength == header.length) {
                    requireHeader(signature, header, headerLength, declaredType);
                    headerChecked = true;
                }
            }
            if (!signature.acceptsChunk(buffer, 0, read)) {
                throw AttachmentRejections.contentMismatch(declaredType);
            }
            sha256.update(buffer, 0, read);
            out.write(buffer, 0, read);
        }
        if (size == 0) {
            throw AttachmentRejections.empty();
        }
        if (!headerChecked) {
            requireHeader(signature, header, headerLength, declaredType);
        }
        out.flush();
        return new StoredFile(key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** A body that breaks off is the client's failure (a 400), not the store's (a 500). */
    private static int readFrom(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw DomainException.invalid("the upload broke off before its end");
        }
    }

    private static void requireHeader(ContentSignature signature, byte[] header, int length, String declaredType) {
        if (!signature.matchesHeader(header, length)) {
            throw AttachmentRejections.contentMismatch(declaredType);
        }
    }

    /** The file of {@code key}; a key that is not one this store makes is refused (no path ever leaves the root). */
    public Path pathOf(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an attachment key: " + key);
        }
        return root.resolve(key);
    }

    public void delete(String key) {
        deleteQuietly(pathOf(key));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the next clean-up: an orphan file is harmless, a failed request for it would not be.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
