/** What a brand-new installation gets on its first start: an admin account, a demo meeting, this server's zone. */
package org.confero.bootstrap;
