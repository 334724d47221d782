package io.cpaas.sfu.rtp;

/**
 * H.264 keyframes (RFC 6184, packetization-mode 1 as Chromium sends it): the packet carries an IDR
 * slice (NAL unit type 5) or a sequence parameter set (type 7), either as a single NAL unit, inside
 * a STAP-A aggregate (type 24), or as the first fragment of an FU-A (type 28, S bit set).
 * A decoder needs SPS and PPS before the IDR; Chromium sends them together, usually in one STAP-A.
 */
public final class H264KeyframeDetector implements KeyframeDetector {

    public static final H264KeyframeDetector INSTANCE = new H264KeyframeDetector();

    private static final int IDR = 5;
    private static final int SPS = 7;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private H264KeyframeDetector() {
    }

    @Override
    public boolean isKeyframe(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length <= 0 || offset > buf.length - length) {
            return false;
        }
        int type = buf[offset] & 0x1F;
        if (type == STAP_A) {
            int end = offset + length;
            int p = offset + 1;
            while (p + 2 < end) {
                int size = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
                p += 2;
                if (size == 0 || size > end - p) {
                    return false;
                }
                if (isKeyNal(buf[p] & 0x1F)) {
                    return true;
                }
                p += size;
            }
            return false;
        }
        if (type == FU_A) {
            if (length < 2) {
                return false;
            }
            int fuHeader = buf[offset + 1] & 0xFF;
            boolean start = (fuHeader & 0x80) != 0;
            return start && isKeyNal(fuHeader & 0x1F);
        }
        return isKeyNal(type);
    }

    private static boolean isKeyNal(int type) {
        return type == IDR || type == SPS;
    }
}
