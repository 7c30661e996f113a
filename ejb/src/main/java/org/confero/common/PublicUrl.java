package org.confero.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code confero.public.url}: where clients reach this deployment (a load balancer's URL when there is one), the base
 * of every link Confero hands out — join pages, the web client, zone controllers.
 */
@ApplicationScoped
public class PublicUrl {

    @Inject
    @ConfigProperty(name = "confero.public.url", defaultValue = "https://localhost:8443")
    String configured;

    /** The URL of {@code path} (which starts with a slash) under the public URL. */
    public String resolve(String path) {
        return base() + path;
    }

    /** The public URL without a trailing slash. */
    public String base() {
        return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
}
