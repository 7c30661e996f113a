package org.confero.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;

class ClientAddressConfiguratorTest {

    private final ClientAddressConfigurator configurator = new ClientAddressConfigurator();

    @Test
    void aHandshakeDuringAnUpgradeCarriesTheAddressIntoItsConnection() {
        ServerEndpointConfig config = FakeEndpointConfig.create();
        try (ClientAddressConfigurator.Scope upgrade = ClientAddressConfigurator.upgrading("203.0.113.7")) {
            configurator.modifyHandshake(config, null, null);
        }
        FakeSession session = new FakeSession("s1");
        session.session().getUserProperties().putAll(config.getUserProperties());

        assertThat(ClientAddressConfigurator.clientAddress(session.session())).contains("203.0.113.7");
    }

    @Test
    void theAddressIsForgottenWhenTheUpgradeRequestEnds() {
        try (ClientAddressConfigurator.Scope upgrade = ClientAddressConfigurator.upgrading("203.0.113.7")) {
            // the request ends
        }
        ServerEndpointConfig later = FakeEndpointConfig.create();
        configurator.modifyHandshake(later, null, null);

        assertThat(later.getUserProperties()).isEmpty();
        assertThat(ClientAddressConfigurator.clientAddress(new FakeSession("s2").session())).isEmpty();
    }
}
