/**
 * The REST API's infrastructure under {@code /api/v1}: the JAX-RS application and its OpenAPI definition, problem
 * answers (RFC 9457), API token authentication, the body size limit, JSON-B settings, pagination, and the caller as
 * resources see it. The resources themselves live with their capability ({@code org.confero.web.meeting}, ...).
 */
package org.confero.web.rest;
