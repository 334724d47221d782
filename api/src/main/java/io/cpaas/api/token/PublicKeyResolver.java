package io.cpaas.api.token;

import java.security.interfaces.ECPublicKey;
import java.util.Optional;

/**
 * Finds the public key a token names in its {@code kid} header. A {@link PublicKeySet} is one; room-service
 * may back one with its key table. Exceptions it throws (a database being down) pass through the
 * verifier untouched: they are not the token's fault.
 */
@FunctionalInterface
public interface PublicKeyResolver {

    Optional<ECPublicKey> resolve(String kid);
}
