/**
 * The media relay core, plain Java on Netty buffers: binding (token, MESSAGE-INTEGRITY, return routability, consent),
 * SFU forwarding between bound endpoints of a meeting and media type, counters.
 * {@link org.confero.media.relay.MediaRelay} is the facade the JCA layer drives. Hot-path invariants: no heap
 * allocation of ours, no lock and no logging per forwarded packet; membership is copy-on-write; buffer ownership is
 * stated where a buffer changes hands.
 */
package org.confero.media.relay;
