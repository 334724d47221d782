package io.cpaas.room.token.service;

import io.cpaas.api.token.PublicKeySet;
import io.cpaas.api.token.RoomTokenSigner;
import io.cpaas.api.token.RoomTokenVerifier;
import io.cpaas.api.token.SigningKey;
import io.cpaas.room.config.RoomServiceConfig;
import io.cpaas.room.token.persistence.SigningKeyRepository;
import io.cpaas.room.token.persistence.SigningKeyRepository.StoredKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The ES256 keys of this deployment, kept in PostgreSQL so every instance signs with the same key
 * and keys survive restarts. Rotation adds a new signer; the old public key stays in the JWKS until
 * the longest-lived token it may have signed has expired. Instances reload keys periodically, so a
 * rotation done by one reaches the others without a restart.
 */
@ApplicationScoped
@Startup
public class SigningKeyStore {

    private static final Logger LOG = Logger.getLogger(SigningKeyStore.class);

    private final SigningKeyRepository repository;
    private final Duration publishAfterRetirement;
    private final Clock clock = Clock.systemUTC();
    private volatile Keys keys;

    public SigningKeyStore(SigningKeyRepository repository, RoomServiceConfig config) {
        this.repository = repository;
        // The longest token ttl, plus the verifier's clock skew, plus a refresh period of slack.
        this.publishAfterRetirement = config.tokens().maxTtl().plus(RoomTokenVerifier.DEFAULT_CLOCK_SKEW)
                .plus(config.tokens().keyRefreshInterval());
        QuarkusTransaction.requiringNew().run(() -> {
            repository.lockForRotation();
            if (repository.published(now()).stream().noneMatch(StoredKey::signing)) {
                SigningKey first = SigningKey.generate();
                repository.insert(first, now());
                LOG.infof("created the first signing key %s", first.kid());
            }
        });
        reload();
    }

    public RoomTokenSigner signer() {
        return keys.signer;
    }

    public PublicKeySet publicKeys() {
        return keys.published;
    }

    /** Makes a new key the signer; answers its kid. */
    public String rotate() {
        SigningKey next = SigningKey.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            repository.lockForRotation();
            Instant now = now();
            repository.retireCurrent(now, now.plus(publishAfterRetirement));
            repository.insert(next, now);
        });
        reload();
        LOG.infof("rotated signing keys: %s signs now", next.kid());
        return next.kid();
    }

    private final java.util.concurrent.atomic.AtomicLong lastOnDemandReload = new java.util.concurrent.atomic.AtomicLong();

    /** Reloads now unless that was done in the last second; true when it reloaded. */
    public boolean reloadAtMostEverySecond() {
        long now = System.nanoTime();
        long last = lastOnDemandReload.get();
        if (now - last < 1_000_000_000L || !lastOnDemandReload.compareAndSet(last, now)) {
            return false;
        }
        reload();
        return true;
    }

    @Scheduled(every = "${cpaas.tokens.key-refresh-interval}", delayed = "${cpaas.tokens.key-refresh-interval}")
    void reload() {
        List<StoredKey> stored = QuarkusTransaction.requiringNew().call(() -> repository.published(now()));
        SigningKey signing = stored.stream().filter(StoredKey::signing).map(StoredKey::key).findFirst()
                .orElseThrow(() -> new IllegalStateException("no signing key in room.signing_keys"));
        Keys current = keys;
        if (current == null || !current.signer.kid().equals(signing.kid()) || current.published.keys().size() != stored.size()) {
            keys = new Keys(new RoomTokenSigner(signing), PublicKeySet.of(stored.stream().map(StoredKey::key).toList()));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Keys(RoomTokenSigner signer, PublicKeySet published) {
    }
}
