package io.cpaas.sfu.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtlsFingerprintTests {

    /** SHA-256 of "abc" (FIPS 180-2 Appendix B.1). */
    private static final String SHA256_OF_ABC = "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
            + "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

    @Test
    void theFingerprintOfBytesIsTheirSha256InSdpForm() {
        assertEquals(SHA256_OF_ABC, DtlsFingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @Test
    void parsingAcceptsAnyCaseAndSurroundingSpaceAndRoundTrips() {
        DtlsFingerprint parsed = DtlsFingerprint.parse("  SHA-256 " + SHA256_OF_ABC.substring(8).toLowerCase(Locale.ROOT) + " ");

        assertEquals(SHA256_OF_ABC, parsed.toString());
        assertEquals(DtlsFingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)), parsed);
    }

    @Test
    void aFingerprintMatchesOnlyTheBytesItDescribes() {
        DtlsFingerprint fingerprint = DtlsFingerprint.parse(SHA256_OF_ABC);

        assertTrue(fingerprint.matches("abc".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(fingerprint.matches("abd".getBytes(StandardCharsets.US_ASCII)));
        assertNotEquals(DtlsFingerprint.of(new byte[0]), fingerprint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha-1", "sha-384", "sha-512", "md5"})
    void otherHashFunctionsAreRefusedWithAMessageSayingSo(String algorithm) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DtlsFingerprint.parse(algorithm + " " + SHA256_OF_ABC.substring(8)));

        assertTrue(refused.getMessage().contains(algorithm), refused.getMessage());
        assertTrue(refused.getMessage().contains("only sha-256"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "sha-256",
            "sha-256 AB:CD",
            "sha-256 BA-78-16-BF-8F-01-CF-EA-41-41-40-DE-5D-AE-22-23-B0-03-61-A3-96-17-7A-9C-B4-10-FF-61-F2-00-15-AD",
            "sha-256 ZZ:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
            "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD extra",
    })
    void malformedValuesAreRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(value));
    }
}
