package org.confero.media.ra.inflow;

import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.confero.media.api.RelayEvent;
import org.confero.media.api.RelayEventListener;

/**
 * What a message-driven bean subscribes to. {@code kinds} narrows the events delivered, e.g.
 * {@code @ActivationConfigProperty(propertyName = "kinds", propertyValue = "CONSENT_LOST,LEFT")}; all by default.
 */
@Activation(messageListeners = RelayEventListener.class)
public class RelayActivationSpec implements ActivationSpec {

    private String kinds = "BOUND,CONSENT_LOST,LEFT";
    private transient ResourceAdapter resourceAdapter;

    public String getKinds() {
        return kinds;
    }

    public void setKinds(String kinds) {
        this.kinds = kinds;
    }

    /** The parsed {@link #getKinds()}; call after {@link #validate()}. */
    public Set<RelayEvent.Kind> kindSet() {
        EnumSet<RelayEvent.Kind> set = EnumSet.noneOf(RelayEvent.Kind.class);
        for (String kind : kinds.split(",")) {
            if (!kind.isBlank()) {
                set.add(RelayEvent.Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return set;
    }

    @Override
    public void validate() throws InvalidPropertyException {
        try {
            if (kindSet().isEmpty()) {
                throw new InvalidPropertyException("kinds names no event kind: '" + kinds + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(
                    "kinds must list BOUND, CONSENT_LOST or LEFT, comma-separated; was '" + kinds + "'");
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
