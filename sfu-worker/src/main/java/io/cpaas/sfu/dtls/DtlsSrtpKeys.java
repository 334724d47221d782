package io.cpaas.sfu.dtls;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a completed DTLS-SRTP handshake yields: the negotiated protection profile and the keying material
 * exported with "EXTRACTOR-dtls_srtp" (RFC 5764 §4.2), laid out as
 * {@code client_key | server_key | client_salt | server_salt}.
 *
 * <p>The worker is always the DTLS <b>server</b>: it unprotects what it receives with the
 * <b>client</b> key and salt, and protects what it sends with the <b>server</b> key and salt.
 */
public final class DtlsSrtpKeys {

    private final SrtpProtectionProfile profile;
    private final byte[] keyingMaterial;

    public DtlsSrtpKeys(SrtpProtectionProfile profile, byte[] keyingMaterial) {
        this.profile = Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(keyingMaterial, "keyingMaterial");
        if (keyingMaterial.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material for " + profile + " must be "
                    + profile.keyingMaterialLength() + " bytes, got " + keyingMaterial.length);
        }
        this.keyingMaterial = keyingMaterial.clone();
    }

    public SrtpProtectionProfile profile() {
        return profile;
    }

    /** The whole exported block, as the exporter returned it. */
    public byte[] keyingMaterial() {
        return keyingMaterial.clone();
    }

    /** Master key of what the client (browser) sends: the worker decrypts with it. */
    public byte[] clientMasterKey() {
        return slice(0, profile.keyLength());
    }

    /** Master key of what the server (worker) sends: the worker encrypts with it. */
    public byte[] serverMasterKey() {
        return slice(profile.keyLength(), profile.keyLength());
    }

    /** Master salt of what the client (browser) sends. */
    public byte[] clientMasterSalt() {
        return slice(2 * profile.keyLength(), profile.saltLength());
    }

    /** Master salt of what the server (worker) sends. */
    public byte[] serverMasterSalt() {
        return slice(2 * profile.keyLength() + profile.saltLength(), profile.saltLength());
    }

    private byte[] slice(int offset, int length) {
        return Arrays.copyOfRange(keyingMaterial, offset, offset + length);
    }

    @Override
    public String toString() {
        // Never print the secrets.
        return "DtlsSrtpKeys[" + profile + ", " + keyingMaterial.length + " bytes]";
    }
}
