package org.confero.bootstrap;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import org.confero.common.ServerIdentity;
import org.confero.common.PublicUrl;
import org.confero.common.api.Actor;
import org.confero.meeting.Meetings;
import org.confero.protocol.rest.MeetingRequest;
import org.confero.protocol.rest.MeetingView;
import org.confero.protocol.rest.ZoneRequest;
import org.confero.user.Role;
import org.confero.user.User;
import org.confero.user.Users;
import org.confero.zone.Zones;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the first start of an installation (no user in the database yet): creates the admin account with a random
 * password, a demo meeting with a random passcode and this server's zone, and writes how to log in (and the passcode)
 * to {@code <confero.data.path>/first-start.txt} (owner-readable only; {@code run.sh} shows it once and deletes it).
 * The password is never logged, never a default, and stored only as a hash. In a cluster the database decides: the
 * username is unique, so only one server's first start wins.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FirstStart {

    @Inject
    private ServerIdentity identity;

    private static final Logger LOG = Logger.getLogger(FirstStart.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** The demo meeting's passcode: 10 digits, the longest a passcode may be. */
    static final int DEMO_PASSCODE_DIGITS = 10;

    @EJB
    private Users users;

    @EJB
    private Meetings meetings;

    @EJB
    private Zones zones;

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    @Inject
    private PublicUrl publicUrl;

    private final SecureRandom random = new SecureRandom();

    @PostConstruct
    void initialise() {
        if (users.count() > 0) {
            return;
        }
        char[] password = randomPassword(20);
        User admin = users.create("admin", "Administrator", null, Role.ADMIN, password);
        // The demo meeting is reachable by anyone who reaches the server, and its join tokens open the tunnel too: it
        // gets a random passcode, shown only next to the admin password.
        String passcode = randomPasscode(DEMO_PASSCODE_DIGITS);
        MeetingView demo = meetings.schedule(new Actor(admin.username(), true), new MeetingRequest(
                "Confero demo meeting", "meeting", null, 60, "UTC", passcode, false, false, null, null));
        zones.put(identity.zone(), new ZoneRequest(identity.zone(), "this server", null, null, null, null, "enabled",
                List.of(base() + "/api/v1/zc"), List.of()));
        Path notice = Path.of(dataPath, "first-start.txt");
        write(notice, """
                Confero first start: an admin account was created.
                  user      admin
                  password  %s
                  REST API  curl -u admin:<password> %s/api/v1/meetings
                Demo meeting: %s — %s
                  passcode  %s
                Change the password after logging in. This file is shown once by run.sh, then deleted.
                """.formatted(new String(password), base(), demo.id(), demo.joinUrl(), passcode));
        java.util.Arrays.fill(password, '\0');
        LOG.infof("First start: created user 'admin', demo meeting %s and zone %s; credentials in %s", demo.id(),
                identity.zone(), notice);
    }

    /** Digits only, so that it can be typed on a phone's keypad; the passcode limit slows guessing. */
    String randomPasscode(int digits) {
        StringBuilder passcode = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            passcode.append((char) ('0' + random.nextInt(10)));
        }
        return passcode.toString();
    }

    private char[] randomPassword(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private String base() {
        return publicUrl.resolve("");
    }
}
