package io.cpaas.room.webhook.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookAddressPolicyTests {

    @Test
    void loopbackPrivateLinkLocalAndUniqueLocalAddressesAreInternal() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1"}) {
            assertTrue(WebhookAddressPolicy.isInternal(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void publicAddressesAreNot() throws Exception {
        for (String address : new String[] {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888"}) {
            assertFalse(WebhookAddressPolicy.isInternal(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void aUrlOnLoopbackIsRefusedUnlessPrivateAddressesAreAllowed() {
        URI url = URI.create("http://127.0.0.1:8082/hooks");
        assertTrue(new WebhookAddressPolicy(false).refusal(url).isPresent());
        assertTrue(new WebhookAddressPolicy(false).refusal(URI.create("http://localhost/hooks")).isPresent());
        assertFalse(new WebhookAddressPolicy(true).refusal(url).isPresent());
        assertFalse(new WebhookAddressPolicy(false).refusal(URI.create("https://93.184.215.14/hooks")).isPresent());
    }
}
