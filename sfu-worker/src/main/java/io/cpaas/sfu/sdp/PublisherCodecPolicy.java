package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which payload types of a publisher's offer the worker receives. The worker forwards without transcoding, so
 * it takes only codecs every subscriber browser decodes: Opus; VP8, VP9 profile 0 and one H.264 with
 * packetization-mode 1 (profile-level-id 42e01f when offered, else the first); each with its RTX. RED, ULPFEC,
 * AV1, CN, DTMF and the G.7xx codecs are dropped. What is kept stays in the offer's order, its preference.
 */
final class PublisherCodecPolicy {

    /** The RTCP feedback the worker handles; anything else offered is not answered. */
    static final Set<String> KEPT_FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc");
    static final String PREFERRED_H264_PROFILE_LEVEL_ID = "42e01f";

    private PublisherCodecPolicy() {
    }

    /** The chosen payload types (media codecs and their RTX) in offer order, feedback filtered; empty when none fits. */
    static List<PayloadType> choose(MediaSection offered) {
        Set<Integer> media = new LinkedHashSet<>();
        if (offered.kind() == MediaKind.AUDIO) {
            first(offered, p -> p.isCodec("opus") && p.clockRate() == 48000).ifPresent(media::add);
        } else if (offered.kind() == MediaKind.VIDEO) {
            first(offered, p -> p.isCodec("VP8") && p.clockRate() == 90000).ifPresent(media::add);
            first(offered, p -> p.isCodec("VP9") && p.clockRate() == 90000
                    && p.parameter("profile-id").orElse("0").equals("0")).ifPresent(media::add);
            Predicate<PayloadType> h264 = p -> p.isCodec("H264") && p.clockRate() == 90000
                    && p.parameter("packetization-mode").orElse("0").equals("1");
            Optional<Integer> preferred = first(offered, h264.and(p -> p.parameter("profile-level-id")
                    .filter(PREFERRED_H264_PROFILE_LEVEL_ID::equalsIgnoreCase).isPresent()));
            (preferred.isPresent() ? preferred : first(offered, h264)).ifPresent(media::add);
        }
        Set<Integer> rtx = new HashSet<>();
        Set<Integer> repaired = new HashSet<>();
        for (PayloadType p : offered.payloadTypes()) {
            Optional<Integer> apt = p.associatedPayloadType();
            if (apt.isPresent() && media.contains(apt.get()) && repaired.add(apt.get())) {
                rtx.add(p.payloadType());
            }
        }
        List<PayloadType> chosen = new ArrayList<>();
        for (PayloadType p : offered.payloadTypes()) {
            if (media.contains(p.payloadType()) || rtx.contains(p.payloadType())) {
                chosen.add(p.withRtcpFeedback(p.rtcpFeedback().stream().filter(KEPT_FEEDBACK::contains).toList()));
            }
        }
        return chosen;
    }

    private static Optional<Integer> first(MediaSection offered, Predicate<PayloadType> test) {
        return offered.payloadTypes().stream().filter(test).map(PayloadType::payloadType).findFirst();
    }
}
