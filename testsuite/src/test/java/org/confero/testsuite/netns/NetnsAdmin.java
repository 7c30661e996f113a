package org.confero.testsuite.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.Http;

/** The network tests' server as its admin sees it: zones pointed at the test network's links, and new meetings. */
final class NetnsAdmin {

    static final URI API = URI.create("http://" + TestNetwork.NEAR + ":" + TestNetwork.HTTP + "/api/v1/");

    private final Http http = new Http();
    private final String authorization;

    private NetnsAdmin(String authorization) {
        this.authorization = authorization;
    }

    /** As the first-start admin of the test server. */
    static NetnsAdmin firstStartAdmin() throws Exception {
        return new NetnsAdmin(Http.basic("admin", FirstStartCredentials.adminPassword()));
    }

    String authorization() {
        return authorization;
    }

    /** Zone {@code id}, enabled, with its controller at {@code https://address:port/api/v1/zc}. */
    void putZone(String id, String address, int port) throws Exception {
        HttpResponse<String> r = http.send("PUT", API.resolve("zones/" + id), "{\"name\":\"" + id
                + "\",\"state\":\"enabled\",\"controllerUrls\":[\"https://" + address + ":" + port + "/api/v1/zc\"]}",
                "Authorization", authorization);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    /** A new meeting's id. */
    String newMeeting(String topic) throws Exception {
        HttpResponse<String> created = http.send("POST", API.resolve("meetings"),
                "{\"topic\":\"" + topic + "\",\"durationMinutes\":30}", "Authorization", authorization);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }
}
