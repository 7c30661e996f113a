package org.confero.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The backup directory ({@code confero.backup.path}): complete backups are directories named by their id; one being
 * written is {@code .tmp-<id>} until it is renamed, atomically, to its id. Shared by every server of a cluster when it
 * lies on the shared disk, so each operation works from what is on disk, never from memory.
 */
final class BackupStore {

    private static final Logger LOG = Logger.getLogger(BackupStore.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** A temporary directory this old belongs to a server that died while writing it. */
    private static final Duration ABANDONED = Duration.ofDays(1);

    private final Path root;
    private final SecureRandom random = new SecureRandom();

    BackupStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    String newId(Instant now) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * A new, empty temporary directory for backup {@code id}. Backups hold password and token hashes: the backup
     * directory and each backup are readable by the server's user only (where the file system has POSIX permissions).
     */
    Path begin(String id) throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            ownerOnly(root);
        }
        return ownerOnly(Files.createDirectory(root.resolve(BackupFormat.TEMPORARY_PREFIX + id)));
    }

    private static Path ownerOnly(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Publishes a complete backup: one rename, so readers see all of it or nothing. */
    Path complete(String id) throws IOException {
        return Files.move(root.resolve(BackupFormat.TEMPORARY_PREFIX + id), root.resolve(id),
                StandardCopyOption.ATOMIC_MOVE);
    }

    void abandon(String id) {
        try {
            AttachmentTree.deleteTree(root.resolve(BackupFormat.TEMPORARY_PREFIX + id));
        } catch (IOException e) {
            LOG.warnf("Could not remove the unfinished backup %s: %s", id, e.toString());
        }
    }

    /** The directory of complete backup {@code id}; empty for anything that is not an id of a complete backup. */
    Optional<Path> find(String id) {
        if (!BackupFormat.isId(id)) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? Optional.of(dir) : Optional.empty();
    }

    /** Ids of complete backups, newest first. */
    List<String> completeIds() throws IOException {
        return names(name -> BackupFormat.isId(name));
    }

    /** Ids of backups being written now (by any server sharing the directory), newest first. */
    List<String> inProgressIds() throws IOException {
        return names(name -> name.startsWith(BackupFormat.TEMPORARY_PREFIX)
                && BackupFormat.isId(name.substring(BackupFormat.TEMPORARY_PREFIX.length()))).stream()
                        .map(name -> name.substring(BackupFormat.TEMPORARY_PREFIX.length())).toList();
    }

    /** Total size of the files of backup {@code id}. */
    long size(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    /**
     * Keeps the newest {@code retention} complete backups and deletes the others; also removes temporary directories
     * abandoned by a server that died while writing. Returns the ids deleted.
     */
    List<String> prune(int retention, Instant now) throws IOException {
        List<String> ids = completeIds();
        List<String> deleted = new ArrayList<>();
        for (String id : ids.subList(Math.min(Math.max(retention, 1), ids.size()), ids.size())) {
            AttachmentTree.deleteTree(root.resolve(id));
            deleted.add(id);
        }
        for (String id : inProgressIds()) {
            Path dir = root.resolve(BackupFormat.TEMPORARY_PREFIX + id);
            if (Files.getLastModifiedTime(dir).toInstant().isBefore(now.minus(ABANDONED))) {
                AttachmentTree.deleteTree(dir);
            }
        }
        return deleted;
    }

    private List<String> names(java.util.function.Predicate<String> accepted) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (accepted.test(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        }
        names.sort(Comparator.reverseOrder());
        return names;
    }
}
