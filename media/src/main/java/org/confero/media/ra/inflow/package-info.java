/**
 * The relay's inbound side (JCA message inflow): message-driven beans implementing
 * {@link org.confero.media.api.RelayEventListener} receive the relay's events (participant bound, consent lost, left),
 * delivered on the relay's work manager and never on its I/O threads.
 */
package org.confero.media.ra.inflow;
