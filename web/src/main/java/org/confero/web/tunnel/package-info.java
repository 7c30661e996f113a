/**
 * The HTTP tunnel (role {@code tunnel}): {@code /tunnel/ping} for first-responder selection and {@code /tunnel/ws},
 * which carries zone controller requests, the control channel and media for clients that can reach nothing but HTTPS to
 * a tunnel server — to this deployment's own zone controllers and routers only
 * ({@link org.confero.web.tunnel.TunnelTargets}).
 */
package org.confero.web.tunnel;
