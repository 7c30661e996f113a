package org.confero.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.confero.common.OwnerOnly;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.jboss.logging.Logger;

/**
 * The attachments tree ({@code <confero.data.path>/attachments}, each file written once under its {@code storage_key})
 * copied into a backup with an index of every file's size and SHA-256, verified against that index, and copied back.
 */
final class AttachmentTree {

    private static final Logger LOG = Logger.getLogger(AttachmentTree.class);

    private AttachmentTree() {
    }

    /** One file of the tree: its path relative to the tree (with '/'), size and SHA-256. */
    record Entry(String path, long bytes, String sha256) {
    }

    /**
     * Copies every regular file under {@code source} (none if it does not exist) to {@code target} and writes the
     * index. Symbolic links are not followed: a link could lead out of the data directory.
     */
    static Manifest.AttachmentsEntry copy(Path source, Path target, Path index) throws IOException {
        OwnerOnly.createDirectories(target);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(source)) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(file);
                    } else {
                        LOG.warnf("Backup: %s is not a regular file; not copied", file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        files.sort(Comparator.comparing(p -> relative(source, p)));
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
            for (Path file : files) {
                String path = relative(source, file);
                Entry entry = copyFile(file, target.resolve(path), path);
                out.write(entry.sha256() + " " + entry.bytes() + " " + entry.path());
                out.write('\n');
                bytes += entry.bytes();
            }
        }
        return new Manifest.AttachmentsEntry(files.size(), bytes, Checksums.of(index));
    }

    /** Every file of the index present in {@code tree} with its size and hash, and nothing else there. */
    static Map<String, Entry> verify(Path tree, Path index, Manifest.AttachmentsEntry expected) throws IOException {
        if (!Files.isRegularFile(index) || !Checksums.of(index).equals(expected.indexSha256())) {
            throw corrupt("its attachments index is missing or does not match the manifest's checksum");
        }
        Map<String, Entry> entries = read(index);
        if (entries.size() != expected.files()) {
            throw corrupt("its attachments index lists " + entries.size() + " files, the manifest " + expected.files());
        }
        for (Entry entry : entries.values()) {
            Path file = tree.resolve(entry.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != entry.bytes()
                    || !Checksums.of(file).equals(entry.sha256())) {
                throw corrupt("attachment " + entry.path() + " is missing or differs from its checksum");
            }
        }
        if (Files.isDirectory(tree)) {
            try (Stream<Path> all = Files.walk(tree)) {
                long present = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
                if (present != entries.size()) {
                    throw corrupt("its attachments directory holds " + present + " files, the index " + entries.size());
                }
            }
        }
        return entries;
    }

    /** Copies a verified tree to {@code target} (which must not exist), checking each file's hash again on the way. */
    static void copyBack(Path tree, Map<String, Entry> entries, Path target) throws IOException {
        OwnerOnly.createDirectories(target);
        for (Entry entry : entries.values()) {
            Entry copied = copyFile(tree.resolve(entry.path()), target.resolve(entry.path()), entry.path());
            if (!copied.sha256().equals(entry.sha256())) {
                throw corrupt("attachment " + entry.path() + " changed while it was restored");
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, Entry> read(Path index) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null;) {
                String[] parts = line.split(" ", 3);
                if (parts.length != 3 || !parts[0].matches("[0-9a-f]{64}") || !parts[1].matches("\\d{1,18}")
                        || !safe(parts[2])) {
                    throw corrupt("its attachments index has a malformed line");
                }
                entries.put(parts[2], new Entry(parts[2], Long.parseLong(parts[1]), parts[0]));
            }
        }
        return entries;
    }

    // A path from an index must stay inside the tree: relative, no "..", no empty or dot segments.
    private static boolean safe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String relative(Path root, Path file) {
        String path = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new DomainException(ProblemType.INTERNAL_ERROR,
                    "an attachment's name contains a line break: " + path);
        }
        return path;
    }

    private static Entry copyFile(Path from, Path to, String path) throws IOException {
        OwnerOnly.createDirectories(to.getParent());
        MessageDigest digest = Checksums.sha256();
        long bytes;
        try (InputStream in = new DigestInputStream(Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS), digest);
                // Owner-only, as the live attachments are: a restored tree is the live tree.
                OutputStream out = java.nio.channels.Channels
                        .newOutputStream(
                                Files.newByteChannel(to,
                                        java.util.Set.of(StandardOpenOption.CREATE,
                                                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                                        OwnerOnly.fileAttributes()))) {
            bytes = in.transferTo(out);
        }
        return new Entry(path, bytes, Checksums.hex(digest));
    }

    private static DomainException corrupt(String what) {
        return new DomainException(ProblemType.BACKUP_CORRUPT, "the backup is damaged: " + what);
    }

    static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
