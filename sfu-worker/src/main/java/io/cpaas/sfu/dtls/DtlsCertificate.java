package io.cpaas.sfu.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The worker's DTLS identity: a self-signed ECDSA P-256 certificate and its key, generated at worker start and
 * announced to browsers only through {@code a=fingerprint} (RFC 5763 §5), so no CA is involved. Browsers do not
 * check its validity period; it is kept short (30 days from yesterday, to tolerate clock skew) anyway.
 */
public final class DtlsCertificate {

    private static final Duration VALIDITY = Duration.ofDays(30);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;
    private final Instant notBefore;
    private final Instant notAfter;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey, Instant notBefore, Instant notAfter) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = fingerprintOf(der);
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** A fresh certificate with a random subject, valid from 24 hours ago for 30 days. */
    public static DtlsCertificate generate() {
        return generate(Instant.now(), new SecureRandom());
    }

    static DtlsCertificate generate(Instant now, SecureRandom random) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(random, "random");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = generator.generateKeyPair();

            byte[] cn = new byte[8];
            random.nextBytes(cn);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "cpaas-sfu-" + HexFormat.of().formatHex(cn))
                    .build();
            // X.509 times have second precision; truncate so notBefore()/notAfter() say what the certificate says.
            Instant notBefore = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = notBefore.plus(VALIDITY);
            BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);

            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial, Date.from(notBefore), Date.from(notAfter), name, keyPair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setSecureRandom(random)
                    .build(keyPair.getPrivate());
            byte[] der = builder.build(signer).getEncoded();

            return new DtlsCertificate(der, PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded()),
                    notBefore, notAfter);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 certificate with this Java runtime", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the generated certificate", e);
        }
    }

    /** The {@code a=fingerprint} value for our SDP: {@code "sha-256 AB:CD:…"}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The {@code a=fingerprint} value of any DER-encoded certificate: {@code "sha-256 AB:CD:…"}. */
    public static String fingerprintOf(byte[] derCertificate) {
        return DtlsFingerprint.of(derCertificate).toString();
    }

    /** The DER encoding of the certificate. */
    public byte[] encoded() {
        return der.clone();
    }

    public Instant notBefore() {
        return notBefore;
    }

    /** After this instant, generate a new certificate for new sessions (browsers do not enforce it, peers might). */
    public Instant notAfter() {
        return notAfter;
    }

    byte[] der() {
        return der;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + fingerprint + ", until " + notAfter + "]";
    }
}
