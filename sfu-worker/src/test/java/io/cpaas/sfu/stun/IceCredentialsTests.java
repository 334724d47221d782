package io.cpaas.sfu.stun;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IceCredentialsTests {

    private static final String ICE_CHAR = "[A-Za-z0-9+/]";

    @Test
    void randomCredentialsAreIceCharsOfTheLengthsRfc8839Allows() {
        for (int i = 0; i < 100; i++) {
            IceCredentials c = IceCredentials.random();
            assertTrue(c.ufrag().matches(ICE_CHAR + "{8}"), c.ufrag());
            assertTrue(c.password().matches(ICE_CHAR + "{24}"));
        }
    }

    @Test
    void randomCredentialsDoNotRepeat() {
        Set<String> ufrags = new HashSet<>();
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            IceCredentials c = IceCredentials.random();
            ufrags.add(c.ufrag());
            passwords.add(c.password());
        }
        assertEquals(10_000, ufrags.size());
        assertEquals(10_000, passwords.size());
    }

    @Test
    void chromesCredentialsAreAccepted() {
        IceCredentials chrome = new IceCredentials("h6vY", "VOkJxbRl1RmTxUk/WvJxBt+A");
        assertEquals("h6vY", chrome.ufrag());
    }

    @Test
    void credentialsOutsideTheGrammarAreRefused() {
        String pwd = "a".repeat(22);
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("abc", pwd));
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("abcd", "a".repeat(21)));
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("ab:d", pwd), "a colon would split USERNAME");
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("abcd", "a".repeat(21) + "="));
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("a".repeat(257), pwd));
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials(null, pwd));
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("abcd", null));
        assertThrows(IllegalArgumentException.class, () -> new IceCredentials("abcé", pwd));
    }

    @Test
    void toStringLeavesThePasswordOut() {
        IceCredentials c = IceCredentials.random();
        assertTrue(c.toString().contains(c.ufrag()));
        assertFalse(c.toString().contains(c.password()));
    }
}
