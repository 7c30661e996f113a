/**
 * The zone controller's network probe ({@code /api/v1/zc/probe}): what a client measures every zone controller with
 * before choosing a zone — round trips, jitter and loss from a burst of tiny requests, throughput from one small
 * upload.
 */
package org.confero.web.zc;
