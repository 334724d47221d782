package io.cpaas.api.token;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JWT wire format that {@link RoomTokenSigner} writes and {@link RoomTokenVerifier} reads: issuer,
 * audiences, claim names and the shape of the {@code grants} object. Kept in one place so the two
 * sides cannot drift apart.
 */
final class TokenFormat {

    static final String ISSUER = "cpaas";
    static final String ROOM_AUDIENCE = "cpaas-room";
    static final String WORKER_AUDIENCE_PREFIX = "cpaas-worker:";
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    static final String TENANT = "tid";
    static final String ROOM = "room";
    static final String NAME = "name";
    static final String METADATA = "metadata";
    static final String GRANTS = "grants";
    static final String PARTICIPANT_SID = "psid";

    static final String GRANT_PUBLISH = "publish";
    static final String GRANT_SUBSCRIBE = "subscribe";
    static final String GRANT_PUBLISH_DATA = "publishData";
    static final String GRANT_SOURCES = "sources";
    static final String GRANT_HIDDEN = "hidden";
    static final String GRANT_ROOM_ADMIN = "roomAdmin";

    /**
     * One DRBG per thread: the default NativePRNG serialises every caller on one global lock, where
     * requests queued behind a thread the scheduler had paused (load soak, 2 busy cores).
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom in this JDK", e);
        }
    });

    private TokenFormat() {
    }

    static String workerAudience(String workerId) {
        return WORKER_AUDIENCE_PREFIX + workerId;
    }

    /** 128 random bits, base64url: for token ids, ticket ids and key ids. */
    static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static Map<String, Object> grantsToJson(RoomGrants grants) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(GRANT_PUBLISH, grants.publish());
        json.put(GRANT_SUBSCRIBE, grants.subscribe());
        json.put(GRANT_PUBLISH_DATA, grants.publishData());
        List<String> sources = new ArrayList<>();
        for (TrackSource source : grants.allowedSources()) {
            sources.add(source.wireName());
        }
        json.put(GRANT_SOURCES, sources);
        json.put(GRANT_HIDDEN, grants.hidden());
        json.put(GRANT_ROOM_ADMIN, grants.roomAdmin());
        return json;
    }

    static RoomGrants grantsFromJson(Map<String, Object> json) {
        Object sources = present(json, GRANT_SOURCES);
        if (!(sources instanceof List<?> sourceList)) {
            throw malformed("grants.sources must be an array of track sources");
        }
        EnumSet<TrackSource> allowed = EnumSet.noneOf(TrackSource.class);
        for (Object name : sourceList) {
            allowed.add(TrackSource.fromWireName(name instanceof String s ? s : null)
                    .orElseThrow(() -> malformed("grants.sources holds an unknown track source")));
        }
        return new RoomGrants(flag(json, GRANT_PUBLISH), flag(json, GRANT_SUBSCRIBE), flag(json, GRANT_PUBLISH_DATA),
                allowed, flag(json, GRANT_HIDDEN), flag(json, GRANT_ROOM_ADMIN));
    }

    private static boolean flag(Map<String, Object> json, String name) {
        if (!(present(json, name) instanceof Boolean value)) {
            throw malformed("grants." + name + " must be true or false");
        }
        return value;
    }

    private static Object present(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (value == null) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MISSING_CLAIM,
                    "token lacks the 'grants." + name + "' claim");
        }
        return value;
    }

    private static InvalidTokenException malformed(String message) {
        return new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, message);
    }
}
