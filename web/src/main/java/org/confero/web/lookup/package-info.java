/** {@code GET /api/v1/meetings/{id}/join-info}: the meeting lookup, open to guests, gated by the passcode. */
package org.confero.web.lookup;
