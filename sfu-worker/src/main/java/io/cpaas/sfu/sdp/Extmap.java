package io.cpaas.sfu.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * An RTP header extension of RFC 8285 ({@code a=extmap:<id>[/<direction>] <uri> [<attributes>]}).
 *
 * @param id         1–255 (1–14 fit the one-byte header form)
 * @param direction  the direction given after the id, if any
 * @param uri        the extension's name
 * @param attributes what follows the URI, empty when nothing does
 */
public record Extmap(int id, Optional<Direction> direction, String uri, String attributes) {

    public Extmap {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(attributes, "attributes");
    }
}
