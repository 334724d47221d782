package io.cpaas.sfu.srtp;

/**
 * The session keys for one direction of SRTP or of SRTCP, derived from a master key (RFC 3711 §4.3) or,
 * in tests, given directly as RFC test vectors do.
 */
record SrtpSessionKeys(SrtpProfile profile, byte[] encryptionKey, byte[] salt, byte[] authKey) {

    static SrtpSessionKeys forRtp(SrtpMasterKey master) {
        return derive(master, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, SrtpKeyDerivation.LABEL_RTP_AUTHENTICATION,
                SrtpKeyDerivation.LABEL_RTP_SALT);
    }

    static SrtpSessionKeys forRtcp(SrtpMasterKey master) {
        return derive(master, SrtpKeyDerivation.LABEL_RTCP_ENCRYPTION, SrtpKeyDerivation.LABEL_RTCP_AUTHENTICATION,
                SrtpKeyDerivation.LABEL_RTCP_SALT);
    }

    private static SrtpSessionKeys derive(SrtpMasterKey master, int encLabel, int authLabel, int saltLabel) {
        SrtpProfile p = master.profile();
        byte[] k = master.keyUnsafe();
        byte[] s = master.saltUnsafe();
        byte[] auth = p.sessionAuthKeyLength() == 0 ? new byte[0]
                : SrtpKeyDerivation.derive(k, s, authLabel, p.sessionAuthKeyLength());
        return new SrtpSessionKeys(p,
                SrtpKeyDerivation.derive(k, s, encLabel, p.masterKeyLength()),
                SrtpKeyDerivation.derive(k, s, saltLabel, p.masterSaltLength()),
                auth);
    }

    @Override
    public String toString() {
        return "SrtpSessionKeys[" + profile + ", redacted]";
    }
}
