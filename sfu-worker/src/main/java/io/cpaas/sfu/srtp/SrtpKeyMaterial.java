package io.cpaas.sfu.srtp;

import java.util.Arrays;

/**
 * The keying material a DTLS-SRTP handshake exports, split into both sides' master keys (RFC 5764 §4.2).
 *
 * <p>The exporter ({@value #EXPORTER_LABEL}, no context, {@link SrtpProfile#exportedKeyingMaterialLength()}
 * bytes) lays it out as {@code client_key | server_key | client_salt | server_salt}: keys first, then
 * salts, not key+salt per side. Each side encrypts with its own key and decrypts with the peer's. The
 * worker is normally the DTLS server, so it sends with the server key and salt and receives with the
 * client's: {@link #localMasterKey(DtlsRole) localMasterKey(SERVER)} and
 * {@link #remoteMasterKey(DtlsRole) remoteMasterKey(SERVER)}. Mixing these up gives sessions that fail
 * every authentication check without any other symptom.
 */
public final class SrtpKeyMaterial {

    /** The TLS exporter label for DTLS-SRTP (RFC 5764 §4.2). */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    /** Which end of the DTLS handshake this endpoint was. */
    public enum DtlsRole { CLIENT, SERVER }

    private final SrtpMasterKey client;
    private final SrtpMasterKey server;

    private SrtpKeyMaterial(SrtpMasterKey client, SrtpMasterKey server) {
        this.client = client;
        this.server = server;
    }

    /**
     * Splits exported keying material for a negotiated profile.
     *
     * @throws IllegalArgumentException when the length is not {@link SrtpProfile#exportedKeyingMaterialLength()}
     */
    public static SrtpKeyMaterial split(byte[] exported, SrtpProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("SRTP profile is required");
        }
        int expected = profile.exportedKeyingMaterialLength();
        if (exported == null || exported.length != expected) {
            throw new IllegalArgumentException("DTLS-SRTP keying material for " + profile + " must be "
                    + expected + " bytes (2 x (key + salt)), got " + (exported == null ? "null" : exported.length)
                    + "; export it with label " + EXPORTER_LABEL + " and that length");
        }
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        byte[] clientKey = Arrays.copyOfRange(exported, 0, k);
        byte[] serverKey = Arrays.copyOfRange(exported, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(exported, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s);
        SrtpKeyMaterial material = new SrtpKeyMaterial(
                SrtpMasterKey.of(profile, clientKey, clientSalt),
                SrtpMasterKey.of(profile, serverKey, serverSalt));
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(serverKey, (byte) 0);
        return material;
    }

    public SrtpProfile profile() {
        return client.profile();
    }

    /** The key the DTLS client encrypts with (and the server decrypts with). */
    public SrtpMasterKey clientMasterKey() {
        return client;
    }

    /** The key the DTLS server encrypts with (and the client decrypts with). */
    public SrtpMasterKey serverMasterKey() {
        return server;
    }

    /** The key this endpoint encrypts what it sends with, given its DTLS role. */
    public SrtpMasterKey localMasterKey(DtlsRole localRole) {
        return localRole == DtlsRole.SERVER ? server : client;
    }

    /** The key this endpoint decrypts what it receives with, given its DTLS role. */
    public SrtpMasterKey remoteMasterKey(DtlsRole localRole) {
        return localRole == DtlsRole.SERVER ? client : server;
    }

    @Override
    public String toString() {
        return "SrtpKeyMaterial[" + profile() + ", redacted]";
    }
}
