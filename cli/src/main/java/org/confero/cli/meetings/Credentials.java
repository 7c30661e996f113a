package org.confero.cli.meetings;

import java.io.Console;
import java.util.Map;
import java.util.Optional;

import org.confero.cli.Arguments;
import org.confero.cli.UsageException;
import org.confero.client.admin.ApiCredentials;

/**
 * Who the REST calls act as: an API token ({@code --token} or {@code CONFERO_TOKEN}), else a user ({@code --user} or
 * {@code CONFERO_USER}) whose password comes from {@code CONFERO_PASSWORD} or is asked for on the terminal. Secrets are
 * never taken as plain arguments, where {@code ps} and shell history would keep them.
 */
public final class Credentials {

    private Credentials() {
    }

    public static ApiCredentials from(Arguments args, Map<String, String> env) throws UsageException {
        Optional<String> token = Optional.ofNullable(env.get("CONFERO_TOKEN")).filter(t -> !t.isBlank());
        Optional<String> user = args.option("user").or(() -> Optional.ofNullable(env.get("CONFERO_USER")));
        if (user.isEmpty() && token.isPresent()) {
            return ApiCredentials.token(token.get());
        }
        if (user.isEmpty()) {
            throw new UsageException(
                    "say who you are: CONFERO_TOKEN=cft_… (an API token), or --user NAME with CONFERO_PASSWORD");
        }
        String password = env.get("CONFERO_PASSWORD");
        if (password != null) {
            return ApiCredentials.password(user.get(), password.toCharArray());
        }
        Console terminal = System.console();
        if (terminal == null) {
            throw new UsageException("no terminal to ask for the password of " + user.get() + ": set CONFERO_PASSWORD");
        }
        char[] typed = terminal.readPassword("Password for %s: ", user.get());
        if (typed == null) {
            throw new UsageException("no password given");
        }
        return ApiCredentials.password(user.get(), typed);
    }
}
