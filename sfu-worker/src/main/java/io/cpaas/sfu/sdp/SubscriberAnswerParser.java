package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a subscriber's answer against the offer it answers and checks it keeps to JSEP (RFC 8829 §5.3): the
 * same m-sections in the same order with the same mids, no direction the offer did not allow, only offered
 * payload types and extension ids, every accepted section in one BUNDLE group with rtcp-mux, and a DTLS role
 * of active or passive.
 */
public final class SubscriberAnswerParser {

    private SubscriberAnswerParser() {
    }

    public static SubscriberAnswer parse(SubscriberOffer offer, String answerSdp) throws SdpParseException {
        SessionDescription answer = SdpParser.parse(answerSdp);
        List<SubscriberSlot> slots = offer.slots();
        if (answer.media().size() != slots.size()) {
            throw new SdpParseException("the answer has " + answer.media().size() + " m-sections, the offer (version "
                    + offer.sessionVersion() + ") has " + slots.size());
        }
        List<SubscriberMediaAnswer> media = new ArrayList<>();
        List<String> acceptedMids = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            SubscriberSlot slot = slots.get(i);
            MediaSection section = answer.media().get(i);
            if (!section.mid().filter(slot.mid()::equals).isPresent()) {
                throw new SdpParseException("answer m-section " + (i + 1) + " has mid " + section.mid().orElse("(none)")
                        + ", the offer has mid " + slot.mid() + " there");
            }
            if (section.kind() != slot.kind()) {
                throw new SdpParseException("answer m-section mid " + slot.mid() + " is " + section.media() + ", the offer's is "
                        + slot.kind().sdpName());
            }
            if (section.isRejected()) {
                media.add(new SubscriberMediaAnswer(slot.mid(), slot.kind(), false, Direction.INACTIVE, List.of(), Map.of()));
                continue;
            }
            media.add(accepted(slot, section));
            acceptedMids.add(slot.mid());
        }
        Optional<RemoteTransport> remote = Optional.empty();
        if (!acceptedMids.isEmpty()) {
            String tagged = taggedMid(answer, acceptedMids);
            MediaSection section = answer.mediaByMid(tagged).orElseThrow();
            remote = Optional.of(RemoteTransport.of(section, answeredSetup(section), "answer"));
        }
        return new SubscriberAnswer(remote, media);
    }

    private static SubscriberMediaAnswer accepted(SubscriberSlot slot, MediaSection section) throws SdpParseException {
        String where = "answer m-section mid " + slot.mid();
        Direction allowed = slot.isActive() ? Direction.RECVONLY : Direction.INACTIVE;
        if (section.direction() != allowed && section.direction() != Direction.INACTIVE) {
            throw new SdpParseException(where + " says " + section.direction().sdpName() + " to an offer of "
                    + (slot.isActive() ? "sendonly" : "inactive"));
        }
        if (!section.rtcpMux()) {
            throw new SdpParseException(where + " does not use a=rtcp-mux");
        }
        Set<Integer> offered = new HashSet<>();
        SubscriberCodecs.payloadTypes(slot.kind()).forEach(p -> offered.add(p.payloadType()));
        for (PayloadType p : section.payloadTypes()) {
            if (!offered.contains(p.payloadType())) {
                throw new SdpParseException(where + " accepts payload type " + p.payloadType() + ", which the offer did not offer");
            }
        }
        Map<String, Integer> extensionIds = new LinkedHashMap<>();
        for (Extmap e : section.extmaps()) {
            Optional<Extmap> ours = SubscriberCodecs.extensions().stream().filter(o -> o.uri().equals(e.uri())).findFirst();
            if (ours.isEmpty() || ours.get().id() != e.id()) {
                throw new SdpParseException(where + " answers a=extmap:" + e.id() + " " + e.uri()
                        + ", which the offer did not offer with that id");
            }
            extensionIds.putIfAbsent(e.uri(), e.id());
        }
        return new SubscriberMediaAnswer(slot.mid(), slot.kind(), true, section.direction(), section.payloadTypes(), extensionIds);
    }

    /** The first accepted mid of the answer's BUNDLE group, which must hold every accepted mid. */
    private static String taggedMid(SessionDescription answer, List<String> acceptedMids) throws SdpParseException {
        Optional<SdpGroup> bundle = answer.bundleGroup();
        if (bundle.isEmpty()) {
            if (acceptedMids.size() == 1) {
                return acceptedMids.get(0);
            }
            throw new SdpParseException("the answer has no a=group:BUNDLE; the worker carries a connection on one transport");
        }
        for (String mid : acceptedMids) {
            if (!bundle.get().mids().contains(mid)) {
                throw new SdpParseException("the answer accepts mid " + mid + " outside its BUNDLE group");
            }
        }
        return bundle.get().mids().stream().filter(acceptedMids::contains).findFirst().orElseThrow();
    }

    private static SetupRole answeredSetup(MediaSection tagged) throws SdpParseException {
        // RFC 4145 §4: an endpoint that says nothing is active.
        SetupRole role = tagged.setup().orElse(SetupRole.ACTIVE);
        if (role != SetupRole.ACTIVE && role != SetupRole.PASSIVE) {
            throw new SdpParseException("the answer says a=setup:" + role.sdpName() + "; an answer must say active or passive");
        }
        return role;
    }
}
