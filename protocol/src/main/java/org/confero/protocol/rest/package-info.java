/**
 * The REST API's bodies ({@code /api/v1}), as records that JSON-B maps by component name. Shared by the server and the
 * client library; absent optional values are omitted on the wire. Requests are {@code *Request}, answers {@code *View}.
 */
package org.confero.protocol.rest;
