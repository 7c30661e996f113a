package org.confero.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void ipv4NetworkContainsItsAddressesOnly() {
        Cidr net = Cidr.parse("10.1.0.0/16");
        assertThat(net.contains("10.1.255.7")).isTrue();
        assertThat(net.contains("10.2.0.1")).isFalse();
        assertThat(net.contains("::ffff:10.1.0.1")).as("IPv4-mapped IPv6 is parsed as IPv4").isTrue();
    }

    @Test
    void bareAddressIsASingleHost() {
        Cidr host = Cidr.parse("192.0.2.10");
        assertThat(host.prefixLength()).isEqualTo(32);
        assertThat(host.contains("192.0.2.10")).isTrue();
        assertThat(host.contains("192.0.2.11")).isFalse();
    }

    @Test
    void hostBitsAreClearedAndShownNormalised() {
        assertThat(Cidr.parse("192.168.7.9/24")).hasToString("192.168.7.0/24").isEqualTo(Cidr.parse("192.168.7.0/24"));
    }

    @Test
    void ipv6Networks() {
        Cidr net = Cidr.parse("2001:db8::/32");
        assertThat(net.contains("2001:db8:1::5")).isTrue();
        assertThat(net.contains("[2001:db9::1]")).isFalse();
        assertThat(net.contains("10.0.0.1")).as("families never match").isFalse();
    }

    @Test
    void zeroPrefixMatchesTheWholeFamily() {
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.1")).isTrue();
        assertThat(Cidr.parse("::/0").contains("203.0.113.1")).isFalse();
    }

    @Test
    void hostNamesAreRejectedWithoutALookup() {
        assertThatThrownBy(() -> Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address literal");
        assertThat(Cidr.parse("127.0.0.0/8").contains("localhost")).isFalse();
        assertThat(Cidr.literalAddress("example.org")).isEmpty();
        assertThat(Cidr.literalAddress("1.2.3")).isEmpty();
        assertThat(Cidr.literalAddress("256.1.1.1")).isEmpty();
    }

    @Test
    void badPrefixesAreRejected() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a prefix length");
    }

    @Test
    void listParsesCommaSeparatedAndBlank() {
        CidrList list = CidrList.parse(" 127.0.0.1/32, 10.0.0.0/8 ,,");
        assertThat(list.networks()).hasSize(2);
        assertThat(list.contains("10.9.9.9")).isTrue();
        assertThat(list.contains("11.0.0.1")).isFalse();
        assertThat(CidrList.parse("  ").isEmpty()).isTrue();
        assertThat(CidrList.parse(null).isEmpty()).isTrue();
    }
}
