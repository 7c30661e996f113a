/**
 * The network test: what a user can learn about the path to a Confero deployment without a meeting — the zones and how
 * far their controllers are, and which media transports reach a router. The back end of {@code confero probe}.
 */
package org.confero.client.nettest;
