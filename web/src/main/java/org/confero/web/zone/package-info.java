/** {@code /api/v1/zones} and {@code /api/v1/tunnels}: admins define meeting zones and HTTP tunnel servers. */
package org.confero.web.zone;
