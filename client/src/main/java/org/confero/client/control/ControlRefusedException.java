package org.confero.client.control;

import java.io.IOException;

/**
 * The router answered, and not with admission ({@code error}, {@code resume-failed}): it is reachable, so this is no
 * reason to move to another router.
 */
final class ControlRefusedException extends IOException {

    ControlRefusedException(String message) {
        super(message);
    }
}
