package io.cpaas.sfu.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The bctls {@code TlsServer} for one DTLS-SRTP handshake with a browser: DTLS 1.2 only, ECDHE-ECDSA AEAD
 * suites, extended_master_secret required, a CertificateRequest whose answer must match the SDP fingerprint
 * (RFC 5763 §5), and {@code use_srtp} (RFC 5764 §4.1) choosing the client's first supported profile. Records the
 * reason of any refusal so the session can tell its listener more than an alert number.
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    /** bctls' lightweight crypto; thread-safe, shared by all sessions. */
    static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private static final int[] CIPHER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };
    private static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1};
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 = SignatureAndHashAlgorithm.getInstance(
            HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    private static final SignatureAndHashAlgorithm ECDSA_SHA384 = SignatureAndHashAlgorithm.getInstance(
            HashAlgorithm.sha384, SignatureAlgorithm.ecdsa);
    private static final SignatureAndHashAlgorithm RSA_PKCS1_SHA256 = SignatureAndHashAlgorithm.getInstance(
            HashAlgorithm.sha256, SignatureAlgorithm.rsa);
    /** What our ServerKeyExchange is signed with: our key is P-256. */
    private static final SignatureAndHashAlgorithm OUR_SIGNATURE = ECDSA_SHA256;

    private final DtlsCertificate certificate;
    private final DtlsFingerprint expectedClientFingerprint;
    private final int handshakeTimeoutMillis;

    private SrtpProtectionProfile profile;
    private DtlsSrtpKeys keys;
    private volatile DtlsFailure refusal;
    private volatile boolean closeNotifyReceived;

    DtlsSrtpServer(DtlsCertificate certificate, DtlsFingerprint expectedClientFingerprint, int handshakeTimeoutMillis) {
        super(CRYPTO);
        this.certificate = certificate;
        this.expectedClientFingerprint = expectedClientFingerprint;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** Set once notifyHandshakeComplete ran. */
    DtlsSrtpKeys keys() {
        return keys;
    }

    /** Why we refused the client, if we did (null when the failure came from bctls or the peer). */
    DtlsFailure refusal() {
        return refusal;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return CIPHER_SUITES.clone();
    }

    @Override
    public int[] getSupportedGroups() {
        return GROUPS.clone();
    }

    /**
     * bctls only exports keying material when extended_master_secret (RFC 7627) was negotiated, so a client
     * without it could complete a handshake that yields no SRTP keys; refuse it in the handshake instead.
     * Browsers always offer it.
     */
    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw refuse(DtlsFailure.Reason.NO_COMMON_SRTP_PROFILE, AlertDescription.handshake_failure,
                    "the client offered no use_srtp extension (RFC 5764)");
        }
        for (int id : offered.getProtectionProfiles()) {
            var supported = SrtpProtectionProfile.fromId(id);
            if (supported.isPresent()) {
                profile = supported.get();
                return;
            }
        }
        throw refuse(DtlsFailure.Reason.NO_COMMON_SRTP_PROFILE, AlertDescription.handshake_failure,
                "the client offered SRTP profiles " + hexList(offered.getProtectionProfiles())
                        + "; the worker supports 0x0001 (AES128_CM_HMAC_SHA1_80) and 0x0007 (AEAD_AES_128_GCM)");
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable serverExtensions = super.getServerExtensions();
        // One profile, empty MKI: RFC 5764 §4.1.1 allows declining the client's MKI this way.
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        return serverExtensions;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        Vector clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        if (!TlsUtils.containsSignatureAlgorithm(clientSigAlgs, OUR_SIGNATURE)) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "the client does not accept ecdsa_secp256r1_sha256 signatures");
        }
        Certificate chain = new Certificate(new TlsCertificate[] {CRYPTO.createCertificate(certificate.der())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), CRYPTO,
                certificate.privateKey(), chain, OUR_SIGNATURE);
    }

    /** Ask for the client's certificate: its fingerprint is what ties this handshake to the signaled peer. */
    @Override
    public CertificateRequest getCertificateRequest() {
        // Browsers default to ECDSA P-256 certificates; RTCPeerConnection.generateCertificate can make RSA ones.
        Vector<SignatureAndHashAlgorithm> accepted = new Vector<>();
        accepted.add(ECDSA_SHA256);
        accepted.add(ECDSA_SHA384);
        accepted.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
        accepted.add(RSA_PKCS1_SHA256);
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                accepted, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw refuse(DtlsFailure.Reason.NO_CLIENT_CERTIFICATE, AlertDescription.handshake_failure,
                    "the client sent no certificate; WebRTC requires one to check against a=fingerprint");
        }
        byte[] leaf = clientCertificate.getCertificateAt(0).getEncoded();
        if (!expectedClientFingerprint.matches(leaf)) {
            throw refuse(DtlsFailure.Reason.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "the client's certificate has fingerprint " + DtlsFingerprint.of(leaf)
                            + " but its SDP announced " + expectedClientFingerprint);
        }
        // The CertificateVerify message, checked by bctls next, proves the client holds the matching key.
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // bctls only allows the export from inside this callback (the master secret is cleared afterwards).
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
        keys = new DtlsSrtpKeys(profile, material);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.warning && alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    private TlsFatalAlert refuse(DtlsFailure.Reason reason, short alert, String detail) {
        refusal = new DtlsFailure(reason, detail);
        return new TlsFatalAlert(alert, detail);
    }

    private static String hexList(int[] ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("0x%04X", ids[i]));
        }
        return sb.append(']').toString();
    }
}
