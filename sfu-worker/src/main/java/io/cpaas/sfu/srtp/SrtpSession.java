package io.cpaas.sfu.srtp;

/**
 * SRTP and SRTCP for one direction of one peer connection: protects what the worker sends, or
 * unprotects what it receives, in place in the caller's buffer (RFC 3711, RFC 7714).
 *
 * <p>Build one session per direction from {@link SrtpKeyMaterial}: {@link #outbound} with the local
 * key to protect, {@link #inbound} with the remote key to unprotect. The session keeps per-SSRC state
 * (rollover counter, 64-packet replay windows for SRTP and SRTCP, next SRTCP index), created only for an
 * SSRC whose first packet authenticated, and capped at {@code maxStreams}. A new SSRC's first packet is
 * taken to have ROC 0, as libsrtp does; libwebrtc starts sequence numbers below 2^15 so that its first
 * wrap is far off, and the worker should pick its outbound starting sequence numbers the same way.
 *
 * <p>Results: a non-negative value is the new packet length; a negative one is an {@link SrtpError}
 * code and means "drop the packet". Nothing here throws on packet content, however malformed, and on an
 * error the bytes in {@code [off, off+len)} may have been changed. The replay window moves only after
 * authentication succeeds.
 *
 * <p>Protect also refuses an index it has already used ({@link SrtpError#REPLAYED}): encrypting two
 * packets under the same index reuses the keystream (AES-CM) or the nonce (GCM), which breaks
 * confidentiality and, for GCM, authenticity. To retransmit a packet (NACK without RTX), resend the
 * protected bytes kept from the first send rather than protecting it again.
 *
 * <p><b>Not thread-safe, by design.</b> A session owns its {@code Cipher}/{@code Mac} instances, scratch
 * buffers and stream state and reuses them on every packet; confine it to the thread that handles its
 * peer connection's datagrams. Sharing one needs external locking.
 */
public final class SrtpSession {

    /** Most bytes {@link #protectRtp} appends, over all profiles: leave this much room after a packet. */
    public static final int MAX_RTP_OVERHEAD = 16;

    /** Most bytes {@link #protectRtcp} appends, over all profiles (E flag and index word, then the tag). */
    public static final int MAX_RTCP_OVERHEAD = 20;

    /** Default cap on SSRCs tracked per session; simulcast with RTX and a large room stay well below it. */
    public static final int DEFAULT_MAX_STREAMS = 1024;

    /** Replay window length in packets, for SRTP and SRTCP alike. */
    public static final int REPLAY_WINDOW_SIZE = ReplayWindow.SIZE;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;

    private final SrtpProfile profile;
    private final SrtpTransform rtp;
    private final SrtpTransform rtcp;
    private final SsrcTable streams;
    private final int tagLength;
    private final long[] drops = new long[SrtpError.COUNT];
    private long packets;

    /** A session keyed with one side's master key; see {@link #outbound} and {@link #inbound}. */
    public SrtpSession(SrtpMasterKey masterKey) {
        this(masterKey, DEFAULT_MAX_STREAMS);
    }

    /** As {@link #SrtpSession(SrtpMasterKey)}, tracking at most {@code maxStreams} SSRCs. */
    public SrtpSession(SrtpMasterKey masterKey, int maxStreams) {
        this(SrtpSessionKeys.forRtp(masterKey), SrtpSessionKeys.forRtcp(masterKey), maxStreams);
    }

    /** From session keys directly, as the RFC test vectors give them. */
    SrtpSession(SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys, int maxStreams) {
        this.profile = rtpKeys.profile();
        this.rtp = SrtpTransform.create(rtpKeys);
        this.rtcp = SrtpTransform.create(rtcpKeys);
        this.streams = new SsrcTable(maxStreams);
        this.tagLength = profile.authTagLength();
    }

    /** The session that protects what this endpoint sends: keyed with its own side's master key. */
    public static SrtpSession outbound(SrtpKeyMaterial material, SrtpKeyMaterial.DtlsRole localRole) {
        return new SrtpSession(material.localMasterKey(localRole));
    }

    /** The session that unprotects what this endpoint receives: keyed with the peer's master key. */
    public static SrtpSession inbound(SrtpKeyMaterial material, SrtpKeyMaterial.DtlsRole localRole) {
        return new SrtpSession(material.remoteMasterKey(localRole));
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Bytes {@link #protectRtp} appends with this session's profile. */
    public int rtpOverhead() {
        return profile.rtpOverhead();
    }

    /** Bytes {@link #protectRtcp} appends with this session's profile. */
    public int rtcpOverhead() {
        return profile.rtcpOverhead();
    }

    /**
     * Encrypts and tags an RTP packet in place.
     *
     * @param buf holds the packet at {@code [off, off+len)} and at least {@link #rtpOverhead()} free bytes after it
     * @return the SRTP packet length, or a negative {@link SrtpError} code
     */
    public int protectRtp(byte[] buf, int off, int len) {
        int headerLength = rtpHeaderLength(buf, off, len);
        if (headerLength < 0 || headerLength > len) {
            return drop(SrtpError.MALFORMED);
        }
        if (buf.length - off - len < tagLength) {
            return drop(SrtpError.NO_ROOM_FOR_TAG);
        }
        int ssrc = BigEndian.readInt(buf, off + 8);
        int seq = BigEndian.readShort(buf, off + 2);
        SrtpStreamState stream = streams.get(ssrc);
        if (stream == null) {
            if (streams.isFull()) {
                return drop(SrtpError.TOO_MANY_STREAMS);
            }
            stream = streams.add(ssrc);
        }
        long index = RolloverCounter.estimateIndex(stream.rtp.highest(), seq);
        if (index < 0) {
            return drop(SrtpError.TOO_OLD);
        }
        if (index > RolloverCounter.MAX_INDEX) {
            return drop(SrtpError.KEY_EXHAUSTED);
        }
        int check = stream.rtp.check(index);
        if (check < 0) {
            return drop(check);
        }
        int result = rtp.protectRtp(buf, off, len, headerLength, ssrc, index);
        stream.rtp.accept(index);
        packets++;
        return result;
    }

    /**
     * Verifies and decrypts an SRTP packet in place.
     *
     * @return the RTP packet length (tag removed), or a negative {@link SrtpError} code
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        int headerLength = rtpHeaderLength(buf, off, len);
        if (headerLength < 0 || headerLength + tagLength > len) {
            return drop(SrtpError.MALFORMED);
        }
        int ssrc = BigEndian.readInt(buf, off + 8);
        int seq = BigEndian.readShort(buf, off + 2);
        SrtpStreamState stream = streams.get(ssrc);
        if (stream == null && streams.isFull()) {
            return drop(SrtpError.TOO_MANY_STREAMS);
        }
        long index = RolloverCounter.estimateIndex(stream == null ? -1 : stream.rtp.highest(), seq);
        if (index < 0) {
            return drop(SrtpError.TOO_OLD);
        }
        if (index > RolloverCounter.MAX_INDEX) {
            return drop(SrtpError.KEY_EXHAUSTED);
        }
        if (stream != null) {
            int check = stream.rtp.check(index);
            if (check < 0) {
                return drop(check);
            }
        }
        int result = rtp.unprotectRtp(buf, off, len, headerLength, ssrc, index);
        if (result < 0) {
            return drop(result);
        }
        if (stream == null) {
            stream = streams.add(ssrc);
        }
        stream.rtp.accept(index);
        packets++;
        return result;
    }

    /**
     * Encrypts and tags an RTCP (compound) packet in place, appending the E flag, the SRTCP index and the tag.
     * The sender SSRC in bytes 4–7 selects the stream whose SRTCP index is used.
     *
     * @param buf holds the packet at {@code [off, off+len)} and at least {@link #rtcpOverhead()} free bytes after it
     * @return the SRTCP packet length, or a negative {@link SrtpError} code
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        if (!isRtcp(buf, off, len, RTCP_HEADER)) {
            return drop(SrtpError.MALFORMED);
        }
        if (buf.length - off - len < 4 + tagLength) {
            return drop(SrtpError.NO_ROOM_FOR_TAG);
        }
        int ssrc = BigEndian.readInt(buf, off + 4);
        SrtpStreamState stream = streams.get(ssrc);
        if (stream == null) {
            if (streams.isFull()) {
                return drop(SrtpError.TOO_MANY_STREAMS);
            }
            stream = streams.add(ssrc);
        }
        int index = stream.nextRtcpIndex;
        if (index < 0) {
            // Wrapped past 2^31 - 1: the 31-bit SRTCP index space of this key is spent.
            return drop(SrtpError.KEY_EXHAUSTED);
        }
        int result = rtcp.protectRtcp(buf, off, len, ssrc, index);
        stream.nextRtcpIndex = index + 1;
        packets++;
        return result;
    }

    /**
     * Verifies and (when its E flag is set) decrypts an SRTCP packet in place.
     *
     * @return the RTCP packet length (index word and tag removed), or a negative {@link SrtpError} code
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        if (!isRtcp(buf, off, len, RTCP_HEADER + 4 + tagLength)) {
            return drop(SrtpError.MALFORMED);
        }
        int ssrc = BigEndian.readInt(buf, off + 4);
        int word = BigEndian.readInt(buf, off + rtcp.rtcpIndexWordOffset(len));
        boolean encrypted = word < 0;
        int index = word & 0x7FFFFFFF;
        SrtpStreamState stream = streams.get(ssrc);
        if (stream == null && streams.isFull()) {
            return drop(SrtpError.TOO_MANY_STREAMS);
        }
        if (stream != null) {
            int check = stream.rtcp.check(index);
            if (check < 0) {
                return drop(check);
            }
        }
        int result = rtcp.unprotectRtcp(buf, off, len, ssrc, index, encrypted);
        if (result < 0) {
            return drop(result);
        }
        if (stream == null) {
            stream = streams.add(ssrc);
        }
        stream.rtcp.accept(index);
        packets++;
        return result;
    }

    /**
     * Forgets an SSRC's state when its track has ended for good, to keep a long-lived session's memory
     * bounded. A later packet on that SSRC starts over at ROC 0 with an empty replay window, so: on an
     * outbound session never send on a removed SSRC again under this key (its indices would repeat,
     * reusing keystream or GCM nonces); on an inbound session, old packets of that SSRC would be
     * accepted again, so remove only SSRCs the peer has signalled gone (BYE, renegotiation).
     */
    public boolean removeStream(int ssrc) {
        return streams.remove(ssrc);
    }

    /** How many SSRCs the session tracks. */
    public int streamCount() {
        return streams.size();
    }

    /** Packets protected or unprotected successfully. */
    public long packetCount() {
        return packets;
    }

    /** Packets refused with {@code errorCode} (an {@link SrtpError} constant); 0 for unknown codes. */
    public long dropCount(int errorCode) {
        int i = -errorCode;
        return i > 0 && i < drops.length ? drops[i] : 0;
    }

    private int drop(int errorCode) {
        drops[-errorCode]++;
        return errorCode;
    }

    /** The header length with CSRCs and extension, or -1 when this is not a complete RTP v2 header. */
    private static int rtpHeaderLength(byte[] buf, int off, int len) {
        if (!inBounds(buf, off, len) || len < RTP_HEADER || (buf[off] & 0xC0) != 0x80) {
            return -1;
        }
        int b0 = buf[off];
        int headerLength = RTP_HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (headerLength + 4 > len) {
                return -1;
            }
            headerLength += 4 + 4 * BigEndian.readShort(buf, off + headerLength + 2);
        }
        return headerLength;
    }

    private static boolean isRtcp(byte[] buf, int off, int len, int minLength) {
        return inBounds(buf, off, len) && len >= minLength && (buf[off] & 0xC0) == 0x80;
    }

    private static boolean inBounds(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && off <= buf.length - len;
    }
}
