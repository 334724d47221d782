package io.cpaas.sfu.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DtlsCertificateTests {

    private static final Pattern SDP_FINGERPRINT = Pattern.compile("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$");

    private static DtlsCertificate certificate;
    private static X509Certificate parsed;

    @BeforeAll
    static void generate() throws Exception {
        certificate = DtlsCertificate.generate();
        parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.encoded()));
    }

    @Test
    void theFingerprintHasTheFormSdpWants() {
        assertTrue(SDP_FINGERPRINT.matcher(certificate.fingerprint()).matches(), certificate.fingerprint());
    }

    @Test
    void theFingerprintIsTheSha256OfTheDerEncoding() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.encoded());
        String expected = "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);

        assertEquals(expected, certificate.fingerprint());
        assertEquals(expected, DtlsCertificate.fingerprintOf(certificate.encoded()));
    }

    @Test
    void itIsASelfSignedEcdsaP256Certificate() throws Exception {
        parsed.verify(parsed.getPublicKey()); // throws unless self-signed by its own key
        assertEquals("SHA256withECDSA", parsed.getSigAlgName());
        ECPublicKey key = (ECPublicKey) parsed.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals(parsed.getSubjectX500Principal(), parsed.getIssuerX500Principal());
        assertTrue(parsed.getSubjectX500Principal().getName().startsWith("CN=cpaas-sfu-"));
    }

    @Test
    void itIsValidFromYesterdayForThirtyDays() {
        Instant now = Instant.now();
        Instant notBefore = parsed.getNotBefore().toInstant();
        Instant notAfter = parsed.getNotAfter().toInstant();

        assertTrue(Duration.between(notBefore, now).compareTo(Duration.ofHours(23)) > 0, "valid since yesterday");
        assertTrue(Duration.between(notBefore, now).compareTo(Duration.ofHours(25)) < 0, "valid since yesterday");
        assertEquals(Duration.ofDays(30), Duration.between(notBefore, notAfter));
        assertEquals(notBefore, certificate.notBefore());
        assertEquals(notAfter, certificate.notAfter());
    }

    @Test
    void eachCertificateHasItsOwnKeySubjectAndFingerprint() {
        DtlsCertificate other = DtlsCertificate.generate(Instant.now(), new SecureRandom());

        assertNotEquals(certificate.fingerprint(), other.fingerprint());
        assertNotEquals(certificate.toString(), other.toString());
    }

    @Test
    void encodedReturnsACopy() throws Exception {
        byte[] first = certificate.encoded();
        first[0] ^= 1;

        assertArrayEquals(parsed.getEncoded(), certificate.encoded());
    }
}
