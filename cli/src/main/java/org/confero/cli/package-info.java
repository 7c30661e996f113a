/**
 * The {@code confero} command line: joins meetings with test media, tests the network path to a deployment, manages
 * meetings over the REST API and runs load. Built on the client library; each command is a class of its own, and
 * {@link org.confero.cli.Confero} only parses, dispatches and maps failures to exit codes.
 */
package org.confero.cli;
