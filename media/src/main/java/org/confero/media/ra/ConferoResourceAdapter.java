package org.confero.media.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import java.util.Objects;

import javax.transaction.xa.XAResource;

import org.confero.media.api.RelayStatus;
import org.jboss.logging.Logger;

/**
 * The media relay as the container sees it. WildFly activates it from the {@code resource-adapters} subsystem
 * ({@code confero-media}), where admins read and set the properties below in the console or CLI; each defaults to a
 * {@code confero.media.*} expression.
 *
 * <p>
 * Life cycle: {@link #start} keeps the container's {@link WorkManager} (every thread the relay uses comes from it) and
 * brings the relay up; {@link #stop} releases everything it holds, ports included, so an undeploy/redeploy cycle can
 * bind again.
 */
@Connector(displayName = "Confero media relay", vendorName = "Confero", eisType = "Confero media relay", version = "1.0", transactionSupport = TransactionSupportLevel.NoTransaction)
public class ConferoResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(ConferoResourceAdapter.class);

    @ConfigProperty(description = "Address the media ports bind to", defaultValue = "0.0.0.0")
    private String bindAddress = "0.0.0.0";

    @ConfigProperty(description = "UDP media port", defaultValue = "8801")
    private Integer udpPort = 8801;

    @ConfigProperty(description = "TCP media port (RFC 4571 framing)", defaultValue = "8801")
    private Integer tcpPort = 8801;

    private volatile RelayStatus status = new RelayStatus(RelayStatus.State.STOPPED, "not started");
    private volatile WorkManager workManager;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        workManager = Objects.requireNonNull(context.getWorkManager(), "work manager");
        status = new RelayStatus(RelayStatus.State.RUNNING,
                "media ports reserved: udp " + bindAddress + ":" + udpPort + ", tcp " + bindAddress + ":" + tcpPort);
        LOG.infof("Confero media relay started (%s)", status.detail());
    }

    @Override
    public void stop() {
        status = new RelayStatus(RelayStatus.State.STOPPED, "stopped by the container");
        workManager = null;
        LOG.info("Confero media relay stopped");
    }

    /** The relay's state as the health check sees it. */
    public RelayStatus status() {
        return status;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        throw new jakarta.resource.NotSupportedException("relay events are not published yet");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        // Nothing was activated (see endpointActivation).
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null; // The relay takes no part in transactions.
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getUdpPort() {
        return udpPort;
    }

    public void setUdpPort(Integer udpPort) {
        this.udpPort = udpPort;
    }

    public Integer getTcpPort() {
        return tcpPort;
    }

    public void setTcpPort(Integer tcpPort) {
        this.tcpPort = tcpPort;
    }

    // The JCA specification asks a resource adapter bean for equals/hashCode; there is one per deployment, so identity
    // semantics are right.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
