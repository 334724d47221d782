package io.cpaas.api.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opaque cursor of cursor pagination: the sort key of the last item seen, base64url-encoded
 * so that clients treat it as a token rather than something to build.
 */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Pattern SORT_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");

    private Cursor() {
    }

    public static String encode(String lastSortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastSortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key inside a cursor; empty when the cursor was not made by {@link #encode}. */
    public static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.length() > 300) {
            return Optional.empty();
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return SORT_KEY.matcher(key).matches() ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
