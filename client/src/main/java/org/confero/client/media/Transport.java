package org.confero.client.media;

/** The ways a media connection reaches the router, in the order the connection process tries them. */
public enum Transport {
    /** UDP to the router's media port: lowest latency, may be blocked by firewalls. */
    UDP,
    /** TCP to the same port, RFC 4571 framing: passes firewalls that block UDP, suffers head-of-line blocking. */
    TCP,
    /** WebSocket over TLS on 443: passes web proxies and firewalls that only allow HTTPS. */
    WEBSOCKET
}
