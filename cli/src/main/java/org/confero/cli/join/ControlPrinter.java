package org.confero.cli.join;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.confero.cli.Console;
import org.confero.cli.StopSignal;
import org.confero.client.control.ControlListener;

/**
 * Shows what happens in the meeting — who joins and leaves, chat, being removed, the meeting ending — and ends the
 * session when the meeting is over for us.
 */
final class ControlPrinter implements ControlListener {

    private final Console console;
    private final StopSignal stop;
    private volatile String endedBy;

    ControlPrinter(Console console, StopSignal stop) {
        this.console = console;
        this.stop = stop;
    }

    @Override
    public void onMessage(JsonObject message) {
        String type = message.getString("type", "");
        switch (type) {
        case "roster":
            JsonObject p = message.getJsonObject("participant");
            String who = p == null ? "someone" : p.getString("name", p.getString("id", "someone"));
            console.report("  * " + who + " " + message.getString("event", "changed"), event(message));
            break;
        case "chat":
            console.report("  <" + message.getString("name", "?") + "> " + message.getString("text", ""),
                    event(message));
            break;
        case "removed":
        case "ended":
            endedBy = type;
            console.report("  * " + (type.equals("ended") ? "the host ended the meeting" : "you were removed"),
                    event(message));
            stop.stop();
            break;
        case "role":
            // Issue 23: a host promoted or demoted us in a webinar; the credentials are the session's, never shown.
            console.report("  * a host made you " + ("panelist".equals(message.getString("role", ""))
                    ? "a panelist (on stage)" : "an attendee again (receiving only)"), event(message));
            break;
        case "answer":
            console.report("  Q: " + message.getString("question", "") + "\n  A (" + message.getString("byName", "?")
                    + (message.getBoolean("public", true) ? "" : ", privately") + "): " + message.getString("text", ""),
                    event(message));
            break;
        case "attendees":
            console.report("  * " + message.getInt("count", 0) + " attendee(s)", event(message));
            break;
        case "pong":
            break;
        default:
            console.report(null, event(message));
        }
    }

    @Override
    public void onConnectionLost(String reason) {
        console.report("  * control connection lost (" + reason + "), resuming …",
                Json.createObjectBuilder().add("event", "control").add("state", "lost").add("reason", reason).build());
    }

    @Override
    public void onResumed() {
        console.report("  * control connection resumed",
                Json.createObjectBuilder().add("event", "control").add("state", "resumed").build());
    }

    @Override
    public void onGaveUp(String reason) {
        endedBy = "connection lost";
        console.report("  * could not resume the control connection: " + reason, Json.createObjectBuilder()
                .add("event", "control").add("state", "gave-up").add("reason", reason).build());
        stop.stop();
    }

    /** Why the meeting ended for us, or null while we are in it. */
    String endedBy() {
        return endedBy;
    }

    private static JsonObject event(JsonObject message) {
        return Json.createObjectBuilder().add("event", "control").add("message", message).build();
    }
}
