import io.cpaas.sfu.dtls.DtlsCertificate;
import io.cpaas.sfu.srtp.SrtpKeyMaterial;
import io.cpaas.sfu.srtp.SrtpProfile;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Hashtable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The simulated browser's DTLS 1.2 client (bctls, as the worker's server side): its own self-signed
 * P-256 certificate, a use_srtp offer, the server's certificate checked against the fingerprint of its
 * SDP, and the SRTP keying material exported at the end (RFC 5764 §4.2).
 */
final class DtlsClient extends DefaultTlsClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(RANDOM);
    /** One certificate for every simulated client: generating one each would only cost setup time. */
    private static final Identity IDENTITY = Identity.generate();

    private final String expectedServerFingerprint;
    private volatile int profileId = -1;
    private volatile SrtpKeyMaterial keys;

    /** @param expectedServerFingerprint "sha-256 AB:CD:…" as in the server's SDP */
    DtlsClient(String expectedServerFingerprint) {
        super(CRYPTO);
        this.expectedServerFingerprint = expectedServerFingerprint;
    }

    /** The a=fingerprint value of the clients' certificate. */
    static String fingerprint() {
        return IDENTITY.fingerprint;
    }

    SrtpKeyMaterial keys() {
        return keys;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 15_000;
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        int[] profiles = {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(profiles, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server must choose one SRTP profile");
        }
        profileId = chosen.getProtectionProfiles()[0];
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                String seen = DtlsCertificate.fingerprintOf(serverCertificate.getCertificate().getCertificateAt(0).getEncoded());
                if (!seen.equalsIgnoreCase(expectedServerFingerprint)) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint " + seen + " is not the SDP's");
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                Certificate chain = new Certificate(new TlsCertificate[] {CRYPTO.createCertificate(IDENTITY.der)});
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), CRYPTO, IDENTITY.privateKey, chain,
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SrtpProfile profile = SrtpProfile.fromDtlsProtectionProfileId(profileId)
                .orElseThrow(() -> new TlsFatalAlert(AlertDescription.illegal_parameter, "unknown SRTP profile " + profileId));
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.exportedKeyingMaterialLength());
        keys = SrtpKeyMaterial.split(exported, profile);
    }

    private record Identity(byte[] der, AsymmetricKeyParameter privateKey, String fingerprint) {
        static Identity generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                KeyPair pair = generator.generateKeyPair();
                X500Name name = new X500Name("CN=cpaas-bench-client");
                Instant now = Instant.now();
                byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(RANDOM.nextInt(Integer.MAX_VALUE) + 1L),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
                return new Identity(der, PrivateKeyFactory.createKey(pair.getPrivate().getEncoded()), DtlsCertificate.fingerprintOf(der));
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the clients' DTLS certificate", e);
            }
        }
    }
}
