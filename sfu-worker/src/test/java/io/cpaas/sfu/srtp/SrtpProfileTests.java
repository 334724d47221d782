package io.cpaas.sfu.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SrtpProfileTests {

    @Test
    void aesCmProfileCarriesTheLengthsOfRfc5764() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        assertEquals(0x0001, p.dtlsProtectionProfileId());
        assertEquals(16, p.masterKeyLength());
        assertEquals(14, p.masterSaltLength());
        assertEquals(10, p.authTagLength());
        assertEquals(60, p.exportedKeyingMaterialLength());
        assertEquals(10, p.rtpOverhead());
        assertEquals(14, p.rtcpOverhead());
        assertFalse(p.isAead());
    }

    @Test
    void gcmProfileCarriesTheLengthsOfRfc7714() {
        SrtpProfile p = SrtpProfile.AEAD_AES_128_GCM;
        assertEquals(0x0007, p.dtlsProtectionProfileId());
        assertEquals(16, p.masterKeyLength());
        assertEquals(12, p.masterSaltLength());
        assertEquals(16, p.authTagLength());
        assertEquals(56, p.exportedKeyingMaterialLength());
        assertEquals(20, p.rtcpOverhead());
        assertTrue(p.isAead());
    }

    @Test
    void negotiatedIdsMapToProfilesAndUnknownIdsToNothing() {
        assertEquals(Optional.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), SrtpProfile.fromDtlsProtectionProfileId(1));
        assertEquals(Optional.of(SrtpProfile.AEAD_AES_128_GCM), SrtpProfile.fromDtlsProtectionProfileId(7));
        assertEquals(Optional.empty(), SrtpProfile.fromDtlsProtectionProfileId(2));
        assertEquals(Optional.empty(), SrtpProfile.fromDtlsProtectionProfileId(8));
    }

    @Test
    void sessionOverheadConstantsCoverEveryProfile() {
        for (SrtpProfile p : SrtpProfile.values()) {
            assertTrue(p.rtpOverhead() <= SrtpSession.MAX_RTP_OVERHEAD, p.name());
            assertTrue(p.rtcpOverhead() <= SrtpSession.MAX_RTCP_OVERHEAD, p.name());
        }
    }
}
