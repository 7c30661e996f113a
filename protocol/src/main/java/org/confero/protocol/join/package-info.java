/**
 * The join token: what the meeting lookup hands a client and the client presents to a zone controller (and the MMR's
 * control channel) to prove it was admitted to a meeting, without those servers asking the web tier again.
 */
package org.confero.protocol.join;
