/** Phase one of the connection process: the meeting lookup ({@code GET /api/v1/meetings/{id}/join-info}). */
package org.confero.client.lookup;
