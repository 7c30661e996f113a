package org.confero.zone.geoip;

import org.confero.protocol.net.Cidr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Writes small MaxMind DB files for tests, following the published MaxMind DB format 2.0: a binary search tree with
 * 24-bit records, a 16-byte separator, the data section, then the metadata after its marker. No Java writer is
 * published, and shipping a slice of a real database would tie the tests to its licence and its contents; this one
 * makes exactly the records a test needs, readable by the real reader library.
 *
 * <p>
 * Supported values: String (utf8_string), Double (double), Integer (uint32), BigInteger (uint64), Map (map), List
 * (array). Networks must not nest inside one another.
 */
final class MmdbWriter {

    private static final byte[] METADATA_MARKER = { (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n',
            'd', '.', 'c', 'o', 'm' };

    private final int ipVersion;
    private final String databaseType;
    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** {@code ipVersion} 6 keeps IPv4 networks under ::/96, as real IPv6 databases do. */
    MmdbWriter(int ipVersion, String databaseType) {
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("ip version 4 or 6");
        }
        this.ipVersion = ipVersion;
        this.databaseType = databaseType;
    }

    MmdbWriter insert(String network, Map<String, ?> record) {
        Cidr cidr = Cidr.parse(network);
        byte[] address = Cidr.literalAddress(network.substring(0, network.indexOf('/'))).orElseThrow();
        int offset = data.size();
        encode(record, data);

        int bitOffset = 0;
        int depth = cidr.prefixLength();
        if (ipVersion == 6 && address.length == 4) {
            bitOffset = 96; // ::a.b.c.d
            depth += 96;
        } else if (ipVersion == 4 && address.length == 16) {
            throw new IllegalArgumentException("IPv6 network in an IPv4 database: " + network);
        }
        Node node = root;
        for (int bit = 0; bit < depth - 1; bit++) {
            int side = bitAt(address, bit - bitOffset);
            if (node.children[side] == null) {
                node.children[side] = new Node();
            } else if (!(node.children[side] instanceof Node)) {
                throw new IllegalArgumentException("network nests in another one: " + network);
            }
            node = (Node) node.children[side];
        }
        int last = bitAt(address, depth - 1 - bitOffset);
        if (node.children[last] != null) {
            throw new IllegalArgumentException("network inserted twice or nests: " + network);
        }
        node.children[last] = offset;
        return this;
    }

    byte[] toBytes() {
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> numbers = new IdentityHashMap<>();
        Queue<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node node = queue.remove();
            numbers.put(node, nodes.size());
            nodes.add(node);
            for (Object child : node.children) {
                if (child instanceof Node next) {
                    queue.add(next);
                }
            }
        }
        int nodeCount = nodes.size();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Node node : nodes) {
            for (Object child : node.children) {
                long record;
                if (child == null) {
                    record = nodeCount; // no data
                } else if (child instanceof Node next) {
                    record = numbers.get(next);
                } else {
                    record = nodeCount + 16 + (Integer) child; // data section offset, past the separator
                }
                file.write((int) (record >> 16));
                file.write((int) (record >> 8));
                file.write((int) record);
            }
        }
        file.writeBytes(new byte[16]);
        file.writeBytes(data.toByteArray());
        file.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", nodeCount);
        metadata.put("record_size", new Uint16(24));
        metadata.put("ip_version", new Uint16(ipVersion));
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", BigInteger.valueOf(1_700_000_000L));
        metadata.put("description", Map.of("en", "Confero test database"));
        encode(metadata, file);
        return file.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, toBytes());
    }

    /** The uint16 type, which the metadata's small numbers must have. */
    record Uint16(int value) {
    }

    private static int bitAt(byte[] address, int bit) {
        if (bit < 0) {
            return 0;
        }
        return (address[bit / 8] >> (7 - bit % 8)) & 1;
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            control(2, utf8.length, out);
            out.writeBytes(utf8);
        } else if (value instanceof Double number) {
            control(3, 8, out);
            long bits = Double.doubleToLongBits(number);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >> shift));
            }
        } else if (value instanceof Uint16 number) {
            unsigned(5, BigInteger.valueOf(number.value()), out);
        } else if (value instanceof Integer number) {
            unsigned(6, BigInteger.valueOf(number), out);
        } else if (value instanceof BigInteger number) {
            unsigned(9, number, out);
        } else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                encode((String) entry.getKey(), out);
                encode(entry.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            list.forEach(item -> encode(item, out));
        } else {
            throw new IllegalArgumentException("no MaxMind DB type for " + value);
        }
    }

    private static void unsigned(int type, BigInteger value, ByteArrayOutputStream out) {
        byte[] bytes = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = bytes.length > 0 && bytes[0] == 0 ? 1 : 0; // BigInteger's sign byte
        control(type, bytes.length - skip, out);
        out.write(bytes, skip, bytes.length - skip);
    }

    /** The control byte: type in the top 3 bits (0 and an extra byte for types past 7), then the size. */
    private static void control(int type, int size, ByteArrayOutputStream out) {
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            sizeBytes = new byte[] { (byte) (size - 29) };
        } else if (size < 285 + 65_536) {
            sizeBits = 30;
            sizeBytes = new byte[] { (byte) ((size - 285) >> 8), (byte) (size - 285) };
        } else {
            throw new IllegalArgumentException("too large for a test database: " + size);
        }
        if (type <= 7) {
            out.write(type << 5 | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }

    private static final class Node {
        /** Per bit value: null (no data), a Node, or an Integer offset into the data section. */
        private final Object[] children = new Object[2];
    }
}
