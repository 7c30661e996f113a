/**
 * The meeting lookup, phase one of the connection process: a client asks about a meeting and gets its details, a signed
 * join token, the zones ranked for it, the HTTP tunnels and the web client's URL.
 */
package org.confero.lookup;
