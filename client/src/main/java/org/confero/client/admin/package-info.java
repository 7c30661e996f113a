/** The REST API for integrators: scheduling and managing meetings with a user's password or an API token. */
package org.confero.client.admin;
