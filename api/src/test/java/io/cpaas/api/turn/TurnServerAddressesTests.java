package io.cpaas.api.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurnServerAddressesTests {

    @Test
    void withoutTlsThereIsNoTurnsUrl() {
        assertEquals(List.of("stun:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=udp",
                "turn:127.0.0.1:3478?transport=tcp"), TurnServerAddresses.withoutTls("127.0.0.1", 3478).urls());
    }

    @Test
    void ipv6HostsAreBracketed() {
        assertEquals("turns:[2001:db8::1]:443?transport=tcp",
                TurnServerAddresses.withTls("2001:db8::1", 3478, 443).urls().get(3));
    }

    @Test
    void badHostsAndPortsAreRefused() {
        for (String host : List.of("", "turn.example.com/x", "h?transport=udp", "two words", "-x")) {
            assertThrows(IllegalArgumentException.class, () -> TurnServerAddresses.withoutTls(host, 3478), host);
        }
        assertThrows(IllegalArgumentException.class, () -> TurnServerAddresses.withoutTls("h", 0));
        assertThrows(IllegalArgumentException.class, () -> TurnServerAddresses.withTls("h", 3478, 65536));
    }
}
