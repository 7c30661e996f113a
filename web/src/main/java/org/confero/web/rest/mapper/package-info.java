/**
 * Turns every failure of a REST request into an RFC 9457 problem: one exception mapper per exception type, the
 * translation of request body reading failures, and the catch-all that logs a 500 under an incident id and tells the
 * client nothing more.
 */
package org.confero.web.rest.mapper;
