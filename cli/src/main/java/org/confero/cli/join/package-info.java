/** {@code confero join}: the connection process shown phase by phase, then test media until interrupted. */
package org.confero.cli.join;
