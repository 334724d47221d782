package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An {@code a=simulcast} line of RFC 8853. Each direction holds a list of streams; each stream is a list of
 * alternative rids (Chromium writes one rid per stream: {@code a=simulcast:send q;h;f}).
 */
public record Simulcast(List<List<RidRef>> send, List<List<RidRef>> recv) {

    /** A rid named in a simulcast list; {@code paused} when written with a leading {@code ~}. */
    public record RidRef(String rid, boolean paused) {
        public RidRef {
            Objects.requireNonNull(rid, "rid");
        }

        @Override
        public String toString() {
            return paused ? "~" + rid : rid;
        }
    }

    public Simulcast {
        send = send.stream().map(List::copyOf).collect(Collectors.toUnmodifiableList());
        recv = recv.stream().map(List::copyOf).collect(Collectors.toUnmodifiableList());
    }

    public List<List<RidRef>> streams(RidDirection direction) {
        return direction == RidDirection.SEND ? send : recv;
    }

    /** Every rid named for a direction, in order. */
    public List<String> rids(RidDirection direction) {
        List<String> out = new ArrayList<>();
        for (List<RidRef> stream : streams(direction)) {
            for (RidRef ref : stream) {
                out.add(ref.rid());
            }
        }
        return List.copyOf(out);
    }

    /** {@code q;h;f} for one direction's list. */
    static String format(List<List<RidRef>> streams) {
        return streams.stream()
                .map(alternatives -> alternatives.stream().map(RidRef::toString).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }
}
