/**
 * The web client in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, Selenium) with
 * Chromium's fake camera and microphone: browsers join a meeting on the test server over TLS and the tests read the
 * client's own counters ({@code window.conferoClient.stats()}) — frames decoded per remote participant, not a connected
 * state. Screenshots go to {@code testsuite/target/browser-screenshots/}.
 */
package org.confero.testsuite.browser;
