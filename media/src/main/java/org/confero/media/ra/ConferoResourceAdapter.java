package org.confero.media.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.HintsContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

import javax.transaction.xa.XAResource;

import org.confero.media.api.RelayStatus;
import org.confero.media.ra.inflow.RelayActivationSpec;
import org.confero.media.ra.inflow.RelayEventDispatcher;
import org.confero.media.relay.MediaRelay;
import org.confero.media.relay.RelayConfig;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.security.SharedKeyFile;
import org.jboss.logging.Logger;

/**
 * The media relay as the container sees it. WildFly activates it from the {@code resource-adapters} subsystem
 * ({@code confero-media}), where admins read and set the properties below in the console or CLI; each is set there from
 * a {@code confero.media.*} expression (wildfly-config/cli/standalone/confero.cli).
 *
 * <p>
 * Life cycle: {@link #start} builds the relay on the container's work manager and binds its ports. A port that cannot
 * be bound does not fail the deployment: the adapter reports FAILED (the health check turns 503, naming the port) and
 * retries every {@code bindRetrySeconds}. {@link #stop} releases everything it holds, ports included, so an
 * undeploy/redeploy cycle can bind again.
 */
@Connector(displayName = "Confero media relay", vendorName = "Confero", eisType = "Confero media relay", version = "1.0", transactionSupport = TransactionSupportLevel.NoTransaction)
public class ConferoResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(ConferoResourceAdapter.class);

    @ConfigProperty(description = "Address the media ports bind to", defaultValue = "0.0.0.0")
    private String bindAddress = "0.0.0.0";

    @ConfigProperty(description = "UDP media port", defaultValue = "8801")
    private Integer udpPort = RelayConfig.DEFAULT_PORT;

    @ConfigProperty(description = "TCP media port (RFC 4571 framing)", defaultValue = "8801")
    private Integer tcpPort = RelayConfig.DEFAULT_PORT;

    @ConfigProperty(description = "I/O threads (event loops); 0 means one per processor", defaultValue = "0")
    private Integer ioThreads = 0;

    @ConfigProperty(description = "UDP socket receive buffer in bytes (0: kernel default)", defaultValue = "1048576")
    private Integer udpReceiveBufferBytes = 1 << 20;

    @ConfigProperty(description = "UDP socket send buffer in bytes (0: kernel default)", defaultValue = "1048576")
    private Integer udpSendBufferBytes = 1 << 20;

    @ConfigProperty(description = "Bytes that may wait for one TCP receiver before its packets are dropped", defaultValue = "131072")
    private Integer tcpQueueBytes = 128 * 1024;

    @ConfigProperty(description = "Longest accepted packet in bytes", defaultValue = "1500")
    private Integer maxPacketBytes = 1500;

    @ConfigProperty(description = "DSCP code point of audio packets", defaultValue = "56")
    private Integer dscpAudio = 56;

    @ConfigProperty(description = "DSCP code point of video packets", defaultValue = "40")
    private Integer dscpVideo = 40;

    @ConfigProperty(description = "DSCP code point of content (screen share) packets", defaultValue = "40")
    private Integer dscpContent = 40;

    @ConfigProperty(description = "RFC 7675: seconds without consent before a UDP address is unbound", defaultValue = "30")
    private Integer consentTimeoutSeconds = 30;

    @ConfigProperty(description = "Longest lifetime in seconds of a media token the relay accepts; also how long it remembers revocations and closed meetings", defaultValue = "3600")
    private Integer maxTokenLifetimeSeconds = 3600;

    @ConfigProperty(description = "New media bindings one participant may make per media type within a minute", defaultValue = "30")
    private Integer bindsPerMinute = 30;

    @ConfigProperty(description = "Longest packet in bytes sent with UDP GSO (several packets to one receiver in one send); it must fit the route's MTU with its headers; 0 turns GSO off", defaultValue = "1452")
    private Integer udpGsoMaxSegmentBytes = 1452;

    @ConfigProperty(description = "File holding the media token key (generated when absent; shared in a cluster)")
    private String tokenKeyFile;

    @ConfigProperty(description = "Seconds between attempts to bind the media ports after a failure", defaultValue = "10")
    private Integer bindRetrySeconds = 10;

    private volatile MediaRelay relay;
    private volatile RelayEventDispatcher dispatcher;
    private volatile RelayStatus failure;
    private Timer retryTimer;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        RelayConfig config;
        byte[] tokenKey;
        try {
            config = relayConfig();
            tokenKey = SharedKeyFile.loadOrCreate(tokenKeyPath());
        } catch (IOException | RuntimeException e) {
            // A configuration error is the admin's to fix: fail the deployment and say what is wrong.
            throw new ResourceAdapterInternalException("Confero media relay misconfigured: " + e.getMessage(), e);
        }
        RelayEventDispatcher events = new RelayEventDispatcher(context.getWorkManager(), Clock.systemUTC());
        boolean hints = context.isContextSupported(HintsContext.class);
        MediaRelay created = new MediaRelay(config, tokenKey, new WorkManagerExecutor(context.getWorkManager(), hints),
                events);
        dispatcher = events;
        relay = created;
        if (!tryStart(created)) {
            try {
                scheduleRetries(context.createTimer(), created);
            } catch (UnavailableException e) {
                LOG.errorf("Cannot schedule retries of the media relay's start: %s", e.getMessage());
            }
        }
    }

    private boolean tryStart(MediaRelay target) {
        try {
            target.start();
            failure = null;
            return true;
        } catch (RuntimeException e) {
            failure = new RelayStatus(RelayStatus.State.FAILED, String.valueOf(e.getMessage()));
            return false;
        }
    }

    private synchronized void scheduleRetries(Timer timer, MediaRelay target) {
        retryTimer = timer;
        long period = Duration.ofSeconds(Math.max(1, bindRetrySeconds)).toMillis();
        LOG.warnf("Media relay could not bind its ports (%s); retrying every %d s", failure.detail(), period / 1000);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                if (relay == target && tryStart(target)) {
                    cancel();
                }
            }
        }, period, period);
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (retryTimer != null) {
                retryTimer.cancel();
                retryTimer = null;
            }
        }
        RelayEventDispatcher events = dispatcher;
        if (events != null) {
            events.deactivateAll();
        }
        MediaRelay current = relay;
        relay = null;
        dispatcher = null;
        if (current != null) {
            current.stop();
        }
    }

    /** The relay's state as the health check sees it. */
    public RelayStatus status() {
        MediaRelay current = relay;
        if (current == null) {
            return new RelayStatus(RelayStatus.State.STOPPED, "not started");
        }
        RelayStatus failed = failure;
        return failed != null ? failed : RelayViews.status(current.status());
    }

    /** The running relay, for connection handles; IllegalStateException when there is none. */
    MediaRelay relay() {
        MediaRelay current = relay;
        if (current == null) {
            throw new IllegalStateException("the media relay is not started");
        }
        return current;
    }

    RelayConfig relayConfig() throws UnknownHostException {
        int threads = ioThreads == null || ioThreads <= 0 ? Runtime.getRuntime().availableProcessors() : ioThreads;
        return RelayConfig.builder().bindAddress(InetAddress.getByName(bindAddress.trim())).udpPort(udpPort)
                .tcpPort(tcpPort).ioThreads(threads).udpReceiveBufferBytes(udpReceiveBufferBytes)
                .udpSendBufferBytes(udpSendBufferBytes).tcpQueueBytes(tcpQueueBytes).maxPacketBytes(maxPacketBytes)
                .dscp(MediaType.AUDIO, dscpAudio).dscp(MediaType.VIDEO, dscpVideo).dscp(MediaType.CONTENT, dscpContent)
                .consentTimeout(Duration.ofSeconds(consentTimeoutSeconds))
                .maxTokenLifetime(Duration.ofSeconds(maxTokenLifetimeSeconds)).bindsPerMinute(bindsPerMinute)
                .udpGsoMaxSegmentBytes(udpGsoMaxSegmentBytes).build();
    }

    private Path tokenKeyPath() {
        if (tokenKeyFile != null && !tokenKeyFile.isBlank()) {
            return Path.of(tokenKeyFile.trim());
        }
        String dataPath = System.getProperty("confero.data.path");
        if (dataPath == null) {
            String serverData = System.getProperty("jboss.server.data.dir");
            if (serverData == null) {
                throw new IllegalStateException(
                        "set tokenKeyFile: neither confero.data.path nor " + "jboss.server.data.dir is defined");
            }
            dataPath = Path.of(serverData, "confero").toString();
        }
        return Path.of(dataPath, "keys", "media-token.key");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof RelayActivationSpec relaySpec)) {
            throw new NotSupportedException("not a Confero relay activation: " + spec);
        }
        relaySpec.validate();
        RelayEventDispatcher events = dispatcher;
        if (events == null) {
            throw new ResourceException("the media relay is not started");
        }
        events.activate(endpointFactory, relaySpec);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        RelayEventDispatcher events = dispatcher;
        if (events != null && spec instanceof RelayActivationSpec relaySpec) {
            events.deactivate(endpointFactory, relaySpec);
        }
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

    public Integer getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(Integer ioThreads) {
        this.ioThreads = ioThreads;
    }

    public Integer getUdpReceiveBufferBytes() {
        return udpReceiveBufferBytes;
    }

    public void setUdpReceiveBufferBytes(Integer udpReceiveBufferBytes) {
        this.udpReceiveBufferBytes = udpReceiveBufferBytes;
    }

    public Integer getUdpSendBufferBytes() {
        return udpSendBufferBytes;
    }

    public void setUdpSendBufferBytes(Integer udpSendBufferBytes) {
        this.udpSendBufferBytes = udpSendBufferBytes;
    }

    public Integer getTcpQueueBytes() {
        return tcpQueueBytes;
    }

    public void setTcpQueueBytes(Integer tcpQueueBytes) {
        this.tcpQueueBytes = tcpQueueBytes;
    }

    public Integer getMaxPacketBytes() {
        return maxPacketBytes;
    }

    public void setMaxPacketBytes(Integer maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
    }

    public Integer getDscpAudio() {
        return dscpAudio;
    }

    public void setDscpAudio(Integer dscpAudio) {
        this.dscpAudio = dscpAudio;
    }

    public Integer getDscpVideo() {
        return dscpVideo;
    }

    public void setDscpVideo(Integer dscpVideo) {
        this.dscpVideo = dscpVideo;
    }

    public Integer getDscpContent() {
        return dscpContent;
    }

    public void setDscpContent(Integer dscpContent) {
        this.dscpContent = dscpContent;
    }

    public Integer getConsentTimeoutSeconds() {
        return consentTimeoutSeconds;
    }

    public void setConsentTimeoutSeconds(Integer consentTimeoutSeconds) {
        this.consentTimeoutSeconds = consentTimeoutSeconds;
    }

    public Integer getMaxTokenLifetimeSeconds() {
        return maxTokenLifetimeSeconds;
    }

    public void setMaxTokenLifetimeSeconds(Integer maxTokenLifetimeSeconds) {
        this.maxTokenLifetimeSeconds = maxTokenLifetimeSeconds;
    }

    public Integer getBindsPerMinute() {
        return bindsPerMinute;
    }

    public void setBindsPerMinute(Integer bindsPerMinute) {
        this.bindsPerMinute = bindsPerMinute;
    }

    public Integer getUdpGsoMaxSegmentBytes() {
        return udpGsoMaxSegmentBytes;
    }

    public void setUdpGsoMaxSegmentBytes(Integer udpGsoMaxSegmentBytes) {
        this.udpGsoMaxSegmentBytes = udpGsoMaxSegmentBytes;
    }

    public String getTokenKeyFile() {
        return tokenKeyFile;
    }

    public void setTokenKeyFile(String tokenKeyFile) {
        this.tokenKeyFile = tokenKeyFile;
    }

    public Integer getBindRetrySeconds() {
        return bindRetrySeconds;
    }

    public void setBindRetrySeconds(Integer bindRetrySeconds) {
        this.bindRetrySeconds = bindRetrySeconds;
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
