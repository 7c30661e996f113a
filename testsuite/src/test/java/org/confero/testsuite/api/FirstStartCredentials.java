package org.confero.testsuite.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin password the test server's first start wrote to its data directory (run.sh shows it to people). */
public final class FirstStartCredentials {

    private FirstStartCredentials() {
    }

    public static String adminPassword() throws IOException {
        Path notice = Path.of(System.getProperty("confero.test.data"), "first-start.txt");
        Matcher password = Pattern.compile("password\\s+(\\S+)").matcher(Files.readString(notice));
        if (!password.find()) {
            throw new IllegalStateException("no password in " + notice);
        }
        return password.group(1);
    }
}
