/** {@code confero probe}: a connectivity report of a deployment, like a network test page. */
package org.confero.cli.probe;
