package org.confero.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.confero.common.NodeUrl;
import org.confero.common.PublicUrl;
import org.confero.common.ServerIdentity;
import org.confero.protocol.rest.ServersView;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.logging.Logger;

/**
 * The servers of the cluster and their own URLs, in the replicated {@code nodes} cache: each server writes its entry
 * when it starts and removes it when it stops cleanly. A server that died keeps its entry — clients may still list it
 * to fail over along, and it comes back with the same one.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeDirectory {

    private static final Logger LOG = Logger.getLogger(NodeDirectory.class);

    @Resource(lookup = ClusterCaches.JNDI_PREFIX + ClusterCaches.NODES)
    private Cache<String, String> nodes;

    @Resource(lookup = ClusterCaches.CONTAINER_JNDI)
    private EmbeddedCacheManager container;

    @Inject
    private ServerIdentity identity;

    @Inject
    private NodeUrl nodeUrl;

    @Inject
    private PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "confero.cluster.hosts", defaultValue = "127.0.0.1[7600]")
    String clusterHosts;

    private final FailoverOrder order = new FailoverOrder(NodeDirectory::addresses);

    private ClusterNode self;

    @PostConstruct
    void publish() {
        Optional<ClusterHost> listed = Optional.empty();
        try {
            listed = ClusterHost.find(hosts(), container.getCacheManagerInfo().getPhysicalAddressesRaw());
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell which entry of confero.cluster.hosts is this server (%s); it is listed last",
                    e.toString());
        }
        self = new ClusterNode(identity.node(), nodeUrl.url(), listed);
        nodes.put(self.node(), self.encode());
        LOG.infof("This server is %s at %s (confero.cluster.hosts entry %s)", self.node(), self.url(),
                listed.map(ClusterHost::toString).orElse("none"));
    }

    @PreDestroy
    void withdraw() {
        try {
            nodes.remove(identity.node());
        } catch (RuntimeException e) {
            LOG.debugf("Could not withdraw this server from the nodes cache: %s", e);
        }
    }

    public ClusterNode self() {
        return self;
    }

    /** Every server known to the cluster, this one included. */
    public List<ClusterNode> nodes() {
        List<ClusterNode> all = new ArrayList<>();
        all.add(self);
        for (String text : nodes.values()) {
            try {
                ClusterNode node = ClusterNode.decode(text);
                if (!node.node().equals(self.node())) {
                    all.add(node);
                }
            } catch (IllegalArgumentException e) {
                LOG.debugf("Ignoring an unreadable node record: %s", e.getMessage());
            }
        }
        return all;
    }

    /** What clients fail over along: the load balancer's URL, or the servers in {@code confero.cluster.hosts} order. */
    public ServersView failoverOrder() {
        return order.plan(publicUrl.base(), nodes(), hosts());
    }

    private List<ClusterHost> hosts() {
        try {
            return ClusterHost.parseList(clusterHosts);
        } catch (IllegalArgumentException e) {
            LOG.warnf("confero.cluster.hosts is not a host[port] list (%s); servers are ordered by name",
                    e.getMessage());
            return List.of();
        }
    }

    private static Set<String> addresses(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress)
                    .collect(Collectors.toSet());
        } catch (UnknownHostException e) {
            return Set.of();
        }
    }
}
