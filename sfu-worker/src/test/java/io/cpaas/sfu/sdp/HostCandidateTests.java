package io.cpaas.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCandidateTests {

    @Test
    void ipv4AndBracketedIpv6AreRead() {
        assertEquals(new HostCandidate("127.0.0.1", 7882), HostCandidate.parse("127.0.0.1:7882"));
        HostCandidate v6 = HostCandidate.parse("[2001:db8::7]:7882");
        assertEquals("2001:db8::7", v6.address());
        assertTrue(v6.isIpv6());
    }

    @Test
    void hostNamesBadPortsAndUnbracketedIpv6AreRefused() {
        for (String bad : List.of("localhost:7882", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "256.0.0.1:7882",
                "2001:db8::7:7882", "1.2.3:7882", ":7882", "127.0.0.1:")) {
            assertThrows(IllegalArgumentException.class, () -> HostCandidate.parse(bad), bad);
        }
    }

    @Test
    void localTransportNeedsValidCredentialsAndACandidate() {
        Fingerprint fp = new Fingerprint("sha-256", ChromeSdp.WORKER_FINGERPRINT);
        List<HostCandidate> one = List.of(HostCandidate.parse("127.0.0.1:7882"));
        assertThrows(IllegalArgumentException.class, () -> new LocalTransport("abc", "s3cr3tPwdForTheWorker0123", fp, one));
        assertThrows(IllegalArgumentException.class, () -> new LocalTransport("Wk7s", "short", fp, one));
        assertThrows(IllegalArgumentException.class, () -> new LocalTransport("Wk7s", "s3cr3tPwdForTheWorker0123", fp, List.of()));
    }
}
