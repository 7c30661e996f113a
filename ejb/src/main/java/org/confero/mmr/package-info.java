/**
 * The multimedia router's side of a participant's life on this server: which media connections are bound to the local
 * relay (fed by the relay's events through a message-driven bean).
 */
package org.confero.mmr;
