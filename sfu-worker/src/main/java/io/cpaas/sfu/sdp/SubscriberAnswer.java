package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber's answer to one {@link SubscriberOffer}: the browser's end of the transport (empty when it
 * rejected every section) and per mid what it accepted.
 */
public record SubscriberAnswer(Optional<RemoteTransport> remote, List<SubscriberMediaAnswer> media) {

    public SubscriberAnswer {
        Objects.requireNonNull(remote, "remote");
        media = List.copyOf(media);
    }

    public Optional<SubscriberMediaAnswer> media(String mid) {
        return media.stream().filter(m -> m.mid().equals(mid)).findFirst();
    }
}
