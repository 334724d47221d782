import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that sends: every publisher's due packets, and a consent check from every peer
 * each 5 s (publishers and subscribers alike). One buffer, reused for every packet.
 */
final class SendLoop implements Runnable {

    private static final long CONSENT_INTERVAL = 5_000_000_000L;

    private final List<SyntheticMedia> sources = new CopyOnWriteArrayList<>();
    private final List<SimulatedPeer> peers = new CopyOnWriteArrayList<>();
    private final byte[] buf = new byte[SimulatedPeer.MAX_PACKET + 64];
    private final ByteBuffer wrapper = ByteBuffer.wrap(buf);
    private final Thread thread = new Thread(this, "bench-send");
    private volatile boolean running = true;
    private volatile boolean mediaOn = true;

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    void add(SyntheticMedia source) {
        sources.add(source);
    }

    void add(SimulatedPeer peer) {
        peers.add(peer);
    }

    /** Stops media (consent checks go on) so that what is in flight can arrive before counting. */
    void stopMedia() {
        mediaOn = false;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(2000);
    }

    @Override
    public void run() {
        long nextConsent = System.nanoTime() + CONSENT_INTERVAL;
        int consentIndex = 0;
        while (running) {
            long now = System.nanoTime();
            long next = now + 1_000_000L;
            if (mediaOn) {
                for (SyntheticMedia source : sources) {
                    next = Math.min(next, source.tick(now, buf, wrapper));
                }
            }
            // Consent checks spread over the interval: a few peers per pass, not all at once.
            int count = peers.size();
            if (count > 0 && now >= nextConsent) {
                peers.get(consentIndex % count).sendCheck(false);
                consentIndex++;
                nextConsent += CONSENT_INTERVAL / count;
                if (now - nextConsent > CONSENT_INTERVAL) {
                    nextConsent = now;
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
        }
    }
}
