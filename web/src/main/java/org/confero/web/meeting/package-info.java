/** {@code /api/v1/meetings}: hosts schedule and manage their meetings; admins all meetings. */
package org.confero.web.meeting;
