/** The admins' view of this server's limits and of how often each refused something. */
package org.confero.web.limits;
