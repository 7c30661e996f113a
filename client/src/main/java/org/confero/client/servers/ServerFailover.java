package org.confero.client.servers;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.confero.client.http.IoReasons;

/**
 * Runs calls to "the Confero deployment" along its {@link ServerList}: the server that answered last first, then the
 * others in the list's order, moving on only when a server is gone ({@link ServerGone}). Behind a load balancer the
 * list is its URL alone, and a retry goes through it again (it has taken the dead server out, or redispatches). A list
 * learned once is kept in the {@link ServerListStore}, so a later run of the client fails over along it even when the
 * server it is given is down. Safe for concurrent use; one instance per deployment is meant to be shared.
 */
public final class ServerFailover {

    private final URI deployment;
    private final ServerListStore store;
    private final AtomicReference<ServerList> servers;
    private final AtomicReference<URI> current;
    private final java.util.concurrent.atomic.AtomicBoolean learned = new java.util.concurrent.atomic.AtomicBoolean();

    public ServerFailover(URI server) {
        this(server, ServerListStore.none());
    }

    public ServerFailover(URI server, ServerListStore store) {
        this.deployment = ServerList.base(server);
        this.store = store;
        this.servers = new AtomicReference<>(store.load(deployment).orElse(ServerList.single(server)));
        this.current = new AtomicReference<>(deployment);
    }

    /** Adopts what a server said about the deployment ({@code GET /api/v1/servers}). */
    public void learn(ServerList list) {
        servers.set(Objects.requireNonNull(list, "list"));
        store.save(deployment, list);
    }

    /**
     * Asks the server that answered last for the deployment's list, once: the list must be known before the server
     * dies. A server that cannot tell (an older one, or gone) leaves the list as it is, to be asked again next time.
     */
    public void learnOnce(ServerDirectory directory) throws InterruptedException {
        if (learned.get()) {
            return;
        }
        try {
            learn(directory.ask(current.get()));
            learned.set(true);
        } catch (IOException e) {
            // Failover then stays with the URL the client was given, which is what it had before.
        }
    }

    public ServerList servers() {
        return servers.get();
    }

    /** The server the next call goes to first. */
    public URI current() {
        return current.get();
    }

    /**
     * For calls that may be repeated (reads, and writes that are the same however often they are made): moves on
     * whenever a server is gone, even if the request may have reached it.
     *
     * @throws IOException
     *             the final answer of a server that answered, or — when every server is gone — the last failure, with
     *             the earlier ones suppressed
     */
    public <T> T call(ServerCall<T> call) throws IOException, InterruptedException {
        return call(call, ServerGone::is);
    }

    /**
     * For calls that must not be made twice (creating a meeting, taking a backup): moves on only when the request
     * cannot have reached the server ({@link ServerGone#unreached}); a server that died under it is a failure to
     * report.
     */
    public <T> T callUnrepeatable(ServerCall<T> call) throws IOException, InterruptedException {
        return call(call, ServerGone::unreached);
    }

    private <T> T call(ServerCall<T> call, Predicate<IOException> movesOn) throws IOException, InterruptedException {
        List<IOException> failures = new ArrayList<>();
        for (URI server : servers.get().from(current.get())) {
            try {
                T result = call.call(server);
                current.set(server);
                return result;
            } catch (IOException e) {
                if (!movesOn.test(e)) {
                    throw e;
                }
                failures.add(e);
            }
        }
        IOException last = failures.get(failures.size() - 1);
        IOException all = new IOException(
                "no server of " + servers.get().urls() + " answered: " + IoReasons.describe(last), last);
        failures.subList(0, failures.size() - 1).forEach(all::addSuppressed);
        throw all;
    }
}
