/**
 * Who may present credentials, from where and how often: the gate in front of Elytron's HTTP Basic (and the API token
 * filter) that refuses credentials over plain HTTP unless a trusted proxy terminated TLS, and counts failed logins per
 * client address (after trusted proxies) and per account, so that no one can lock an account out from elsewhere.
 */
package org.confero.web.security;
