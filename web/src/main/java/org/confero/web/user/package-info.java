/** {@code /api/v1/users} (admins; {@code me} for everyone) and {@code /api/v1/tokens}: accounts and API tokens. */
package org.confero.web.user;
