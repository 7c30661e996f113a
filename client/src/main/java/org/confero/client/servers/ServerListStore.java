package org.confero.client.servers;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The server lists a client has learned, one file per deployment in a directory of its own, so that the next run of the
 * client — a new process — can fail over along a list it learned when the server it is given was still alive. A file
 * that is missing, unreadable or not a list is as if never written: the client then knows only the URL it was given, as
 * before it learned anything.
 */
public final class ServerListStore {

    private final Optional<Path> directory;

    private ServerListStore(Optional<Path> directory) {
        this.directory = directory;
    }

    /** Keeps nothing: every client starts from the URL it is given. */
    public static ServerListStore none() {
        return new ServerListStore(Optional.empty());
    }

    public static ServerListStore in(Path directory) {
        return new ServerListStore(Optional.of(directory));
    }

    public Optional<ServerList> load(URI deployment) {
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(Files.readString(file(deployment))))) {
            return Optional.of(ServerList.parse(reader.readObject()));
        } catch (IOException | JsonException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Written whole or not at all (a temporary file moved over the old one); a failure costs only the memory. */
    public void save(URI deployment, ServerList list) {
        if (directory.isEmpty()) {
            return;
        }
        JsonArrayBuilder urls = Json.createArrayBuilder();
        list.urls().forEach(url -> urls.add(url.toString()));
        JsonObject json = Json.createObjectBuilder().add("mode", list.mode()).add("urls", urls).build();
        try {
            Files.createDirectories(directory.get());
            Path target = file(deployment);
            Path temporary = Files.createTempFile(directory.get(), ".servers", ".tmp");
            Files.writeString(temporary, json.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The list is still used for this run; the next one asks again.
        }
    }

    /** {@code https://meet.example.com:443} → {@code https_meet.example.com_443.json}: one file per base URL. */
    private Path file(URI deployment) {
        URI base = ServerList.base(deployment);
        String name = (base.getScheme() + "_" + base.getRawAuthority()).replaceAll("[^A-Za-z0-9.-]", "_");
        return directory.orElseThrow().resolve(name + ".json");
    }
}
