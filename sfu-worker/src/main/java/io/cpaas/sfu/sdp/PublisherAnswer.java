package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The worker's answer to a publisher's offer: the SDP to send back, the client's end of the transport (empty
 * when every m-section was rejected), and per mid what was negotiated.
 */
public record PublisherAnswer(String sdp, Optional<RemoteTransport> remote, List<NegotiatedMedia> media) {

    public PublisherAnswer {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(remote, "remote");
        media = List.copyOf(media);
    }

    public Optional<NegotiatedMedia> media(String mid) {
        return media.stream().filter(m -> m.mid().equals(mid)).findFirst();
    }
}
