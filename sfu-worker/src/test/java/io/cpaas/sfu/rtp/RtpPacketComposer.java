package io.cpaas.sfu.rtp;

import java.io.ByteArrayOutputStream;

/** Test fixture: composes RTP packets byte by byte, following the RFC 3550 and RFC 8285 layouts. */
final class RtpPacketComposer {

    private int payloadType = 96;
    private boolean marker;
    private int seq = 1;
    private int ts = 1000;
    private int ssrc = 0x11223344;
    private int[] csrcs = new int[0];
    private int extProfile = -1;
    private final ByteArrayOutputStream ext = new ByteArrayOutputStream();
    private byte[] payload = {1, 2, 3, 4};
    private int padding;

    RtpPacketComposer payloadType(int pt) {
        this.payloadType = pt;
        return this;
    }

    RtpPacketComposer marker(boolean m) {
        this.marker = m;
        return this;
    }

    RtpPacketComposer seq(int s) {
        this.seq = s;
        return this;
    }

    RtpPacketComposer ts(int t) {
        this.ts = t;
        return this;
    }

    RtpPacketComposer ssrc(int s) {
        this.ssrc = s;
        return this;
    }

    RtpPacketComposer csrcs(int... c) {
        this.csrcs = c;
        return this;
    }

    RtpPacketComposer payload(byte... p) {
        this.payload = p;
        return this;
    }

    RtpPacketComposer padding(int n) {
        this.padding = n;
        return this;
    }

    /** Starts a one-byte-header (0xBEDE) extension block. */
    RtpPacketComposer oneByteExtensions() {
        extProfile = RtpPacket.ONE_BYTE_PROFILE;
        return this;
    }

    /** Starts a two-byte-header (0x1000) extension block. */
    RtpPacketComposer twoByteExtensions() {
        extProfile = RtpPacket.TWO_BYTE_PROFILE;
        return this;
    }

    /** Appends one element in the block's form. */
    RtpPacketComposer element(int id, byte... data) {
        if (extProfile == RtpPacket.ONE_BYTE_PROFILE) {
            ext.write((id << 4) | (data.length - 1));
        } else {
            ext.write(id);
            ext.write(data.length);
        }
        ext.writeBytes(data);
        return this;
    }

    /** Appends raw bytes (padding bytes, malformed elements) to the extension block. */
    RtpPacketComposer rawExtensionBytes(int... bytes) {
        for (int b : bytes) {
            ext.write(b);
        }
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b0 = 0x80 | (padding > 0 ? 0x20 : 0) | (extProfile >= 0 ? 0x10 : 0) | csrcs.length;
        out.write(b0);
        out.write((marker ? 0x80 : 0) | payloadType);
        u16(out, seq);
        u32(out, ts);
        u32(out, ssrc);
        for (int c : csrcs) {
            u32(out, c);
        }
        if (extProfile >= 0) {
            byte[] e = ext.toByteArray();
            int words = (e.length + 3) / 4;
            u16(out, extProfile);
            u16(out, words);
            out.writeBytes(e);
            for (int i = e.length; i < words * 4; i++) {
                out.write(0);
            }
        }
        out.writeBytes(payload);
        for (int i = 0; i < padding; i++) {
            out.write(i == padding - 1 ? padding : 0);
        }
        return out.toByteArray();
    }

    static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    static void u32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
