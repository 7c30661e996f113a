/**
 * Limits that keep one source address, meeting or participant from taking more than its share (issue 18): the limits
 * themselves with their MicroProfile Config properties, the per-source rate limits of lookups and assignments, and the
 * count of refusals under each limit that admins read.
 */
package org.confero.limits;
