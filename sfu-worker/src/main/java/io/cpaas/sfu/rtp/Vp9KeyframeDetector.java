package io.cpaas.sfu.rtp;

/**
 * VP9 keyframes (RFC 9628): the packet begins a frame (B=1) that is not inter-picture predicted
 * (P=0) in the base spatial layer (no layer indices, or SID=0). The descriptor is walked to its end
 * in both flexible and non-flexible mode and must fit the payload, so a truncated or corrupt
 * descriptor is never taken for a keyframe.
 *
 * <pre>
 *  I|P|L|F|B|E|V|Z        first octet
 *  M|PICTURE ID(7)        if I, then EXTENDED PID(8) if M
 *  TID(3)|U|SID(3)|D      if L
 *  TL0PICIDX              if L and not F (non-flexible mode)
 *  P_DIFF(7)|N            if F and P, repeated while N, at most 3
 *  N_S(3)|Y|G|RSV(3)      if V: scalability structure, then
 *    WIDTH(16) HEIGHT(16)   (N_S+1) times if Y
 *    N_G                    if G, then N_G times: TID(3)|U|R(2)|RSV(2) and R octets of P_DIFF
 * </pre>
 */
public final class Vp9KeyframeDetector implements KeyframeDetector {

    public static final Vp9KeyframeDetector INSTANCE = new Vp9KeyframeDetector();

    private Vp9KeyframeDetector() {
    }

    @Override
    public boolean isKeyframe(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length <= 0 || offset > buf.length - length) {
            return false;
        }
        int b0 = buf[offset] & 0xFF;
        boolean pictureId = (b0 & 0x80) != 0;
        boolean interPicturePredicted = (b0 & 0x40) != 0;
        boolean layerIndices = (b0 & 0x20) != 0;
        boolean flexible = (b0 & 0x10) != 0;
        boolean beginningOfFrame = (b0 & 0x08) != 0;
        boolean scalabilityStructure = (b0 & 0x02) != 0;
        if (interPicturePredicted || !beginningOfFrame) {
            return false;
        }
        int end = offset + length;
        int p = offset + 1;
        if (pictureId) {
            if (p >= end) {
                return false;
            }
            p += (buf[p] & 0x80) != 0 ? 2 : 1;
        }
        if (layerIndices) {
            if (p >= end) {
                return false;
            }
            int spatialId = (buf[p] >>> 1) & 0x07;
            if (spatialId != 0) {
                return false;
            }
            p += flexible ? 1 : 2;
        }
        // P=0 here, so a flexible-mode descriptor carries no P_DIFF octets.
        if (scalabilityStructure) {
            if (p >= end) {
                return false;
            }
            int ss = buf[p++] & 0xFF;
            int spatialLayers = (ss >>> 5) + 1;
            if ((ss & 0x10) != 0) {
                p += 4 * spatialLayers;
            }
            if ((ss & 0x08) != 0) {
                if (p >= end) {
                    return false;
                }
                int pictureGroups = buf[p++] & 0xFF;
                for (int i = 0; i < pictureGroups; i++) {
                    if (p >= end) {
                        return false;
                    }
                    int references = (buf[p++] >>> 2) & 0x03;
                    p += references;
                }
            }
        }
        return p < end; // a keyframe packet carries frame data after the descriptor
    }
}
