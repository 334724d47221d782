package io.cpaas.sfu.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
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
 * A browser stand-in for tests: a bctls DTLS 1.2 client with its own self-signed P-256 certificate (or none),
 * a use_srtp offer, and a check of the server's fingerprint, like a WebRTC endpoint does.
 */
public final class TestDtlsClient extends DefaultTlsClient {

    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private final DtlsCertificate certificate;
    private final int[] offeredProfiles;
    private final String expectedServerFingerprint;

    /** Add what a post-quantum capable browser adds (DTLS 1.3 in supported_versions, an ML-KEM key share), which
     *  makes the ClientHello longer than one datagram. */
    volatile boolean postQuantumSizedHello;

    volatile int negotiatedProfile = -1;
    volatile byte[] keyingMaterial;
    volatile String serverFingerprintSeen;
    final List<Short> alertsReceived = new CopyOnWriteArrayList<>();

    /**
     * @param certificate     the client's certificate, or null to answer the CertificateRequest with none
     * @param offeredProfiles SRTP protection profile ids in preference order, or null to send no use_srtp
     */
    public TestDtlsClient(DtlsCertificate certificate, int[] offeredProfiles, String expectedServerFingerprint) {
        super(CRYPTO);
        this.certificate = certificate;
        this.offeredProfiles = offeredProfiles;
        this.expectedServerFingerprint = expectedServerFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        };
    }

    /** The first retransmission of a flight comes this long after it (bctls' default: 1 s). */
    private volatile int handshakeResendMillis = 1000;

    /** Waits this long before sending a flight again: long enough, a lost flight shows as a failed handshake. */
    public TestDtlsClient resendingAfter(int millis) {
        handshakeResendMillis = millis;
        return this;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 8_000;
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return handshakeResendMillis;
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        if (offeredProfiles != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        }
        if (postQuantumSizedHello) {
            // supported_versions (43): DTLS 1.3 (FE FC) then DTLS 1.2 (FE FD)
            extensions.put(43, new byte[] {4, (byte) 0xFE, (byte) 0xFC, (byte) 0xFE, (byte) 0xFD});
            extensions.put(51, keyShare());
        }
        return extensions;
    }

    /** key_share (51): X25519MLKEM768 (0x11EC, 1216 bytes) and x25519 (0x001D, 32 bytes), random contents. */
    private static byte[] keyShare() {
        java.nio.ByteBuffer shares = java.nio.ByteBuffer.allocate(2 + (4 + 1216) + (4 + 32));
        shares.putShort((short) ((4 + 1216) + (4 + 32)));
        byte[] mlkem = new byte[1216];
        byte[] x25519 = new byte[32];
        new SecureRandom().nextBytes(mlkem);
        new SecureRandom().nextBytes(x25519);
        shares.putShort((short) 0x11EC).putShort((short) mlkem.length).put(mlkem);
        shares.putShort((short) 0x001D).putShort((short) x25519.length).put(x25519);
        return shares.array();
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server must choose one SRTP profile");
        }
        negotiatedProfile = chosen.getProtectionProfiles()[0];
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
                serverFingerprintSeen = DtlsCertificate.fingerprintOf(der);
                if (!serverFingerprintSeen.equals(expectedServerFingerprint)) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint mismatch");
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                if (certificate == null) {
                    return null;
                }
                Certificate chain = new Certificate(new TlsCertificate[] {CRYPTO.createCertificate(certificate.der())});
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), CRYPTO,
                        certificate.privateKey(), chain,
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int length = SrtpProtectionProfile.fromId(negotiatedProfile).orElseThrow().keyingMaterialLength();
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        alertsReceived.add(alertDescription);
    }
}
