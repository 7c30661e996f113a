package org.confero.testsuite.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin password and demo meeting passcode the test server's first start wrote to its data directory (run.sh shows
 * it to people).
 */
public final class FirstStartCredentials {

    private FirstStartCredentials() {
    }

    public static String adminPassword() throws IOException {
        return find("password\\s+(\\S+)");
    }

    /** The id of the demo meeting the first start scheduled. */
    public static String demoMeetingId() throws IOException {
        return find("Demo meeting:\\s+(\\d+)");
    }

    /** The demo meeting's random passcode, printed next to the admin password. */
    public static String demoMeetingPasscode() throws IOException {
        return find("passcode\\s+(\\S+)");
    }

    private static String find(String pattern) throws IOException {
        Path notice = Path.of(System.getProperty("confero.test.data"), "first-start.txt");
        Matcher found = Pattern.compile(pattern).matcher(Files.readString(notice));
        if (!found.find()) {
            throw new IllegalStateException("no " + pattern + " in " + notice);
        }
        return found.group(1);
    }
}
