import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.sdp.MediaKind;
import io.cpaas.sfu.sdp.MediaSection;
import io.cpaas.sfu.sdp.SessionDescription;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Janus's VideoRoom plugin over its HTTP API: a room made with "create", publishers "join" as
 * publishers and "publish" with an offer, subscribers "join" as subscribers to every publisher's feed,
 * take Janus's offer and "start" with their answer. Janus runs full ICE: the simulated peer lists its
 * host candidate, answers Janus's checks and checks Janus's candidate itself (controlling when it
 * offered, controlled when Janus did). The peer offers setup:active, so Janus is the DTLS server here
 * too and both SFUs do the same work per client.
 */
final class JanusTarget implements SfuTarget {

    private static final String PLUGIN = "janus.plugin.videoroom";
    private static final Duration STEP = Duration.ofSeconds(20);

    private final JanusApi api;
    private final int connectTimeoutMillis;
    private final Map<String, Long> rooms = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> feeds = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastKeepAlive = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    private final String localIp;

    JanusTarget(String url, int connectTimeoutMillis) throws IOException {
        this.api = new JanusApi(url);
        this.localIp = api.info().path("local-ip").asText("127.0.0.1");
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** Janus (libnice) never offers a loopback candidate: clients use the host address it announces. */
    @Override
    public String clientAddress() {
        return localIp;
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public void prepareRoom(String room, int participants) throws IOException {
        long id = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000L);
        long handle = api.attach(PLUGIN);
        JsonNode created = api.syncMessage(handle, Map.of("request", "create", "room", id, "publishers", Math.max(1, participants),
                "audiocodec", "opus", "videocodec", "vp8", "bitrate", 0, "notify_joining", false));
        if (!"created".equals(created.path("videoroom").asText())) {
            throw new IOException("Janus did not create the room: " + created);
        }
        rooms.put(room, id);
        feeds.put(room, new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    @Override
    public Session publish(String room, String identity, SyntheticMedia media, JoinTimes times) throws IOException {
        long handle = api.attach(PLUGIN);
        JsonNode joined = api.asyncMessage(handle, Map.of("request", "join", "ptype", "publisher", "room", rooms.get(room),
                "display", identity), null, STEP);
        times.joinAnswered();
        long feed = joined.path("plugindata").path("data").path("id").asLong();
        times.signaled();
        SimulatedPeer peer = media.peer;
        String offer = ClientSdp.publishOffer(peer.local, media.audioSsrc, media.videoSsrc, "active", peer.candidate(), media.sendsAudioLevel(), false);
        JsonNode answered = api.asyncMessage(handle, Map.of("request", "publish", "audio", true, "video", true),
                Map.of("type", "offer", "sdp", offer), STEP);
        SessionDescription answer = ClientSdp.parse(answered.path("jsep").path("sdp").asText());
        media.payloadTypes(firstPayloadType(answer, MediaKind.AUDIO), firstPayloadType(answer, MediaKind.VIDEO));
        ClientSdp.Remote remote = ClientSdp.Remote.of(answer, localIp);
        peer.connect(remote.candidate(), remote.ufrag(), remote.password(), remote.fingerprint(), true, connectTimeoutMillis);
        times.connected();
        feeds.get(room).add(feed);
        return new JanusSession(handle);
    }

    @Override
    public Session subscribe(String room, String identity, SimulatedPeer peer, JoinTimes times) throws IOException {
        long handle = api.attach(PLUGIN);
        if (feeds.get(room).isEmpty()) {
            throw new IOException("no publisher in room " + room + " to subscribe to");
        }
        List<Map<String, Object>> streams = new ArrayList<>();
        for (long feed : feeds.get(room)) {
            streams.add(Map.of("feed", feed));
        }
        JsonNode attached = api.asyncMessage(handle, Map.of("request", "join", "ptype", "subscriber", "room", rooms.get(room),
                "streams", streams), null, STEP);
        times.joinAnswered();
        times.signaled();
        SessionDescription offer = ClientSdp.parse(attached.path("jsep").path("sdp").asText());
        List<Integer> ssrcs = new ArrayList<>();
        List<Boolean> video = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            if (m.direction().name().startsWith("SEND") && !m.ssrcs().isEmpty()) {
                ssrcs.add((int) m.ssrcs().get(0).ssrc());
                video.add(m.kind() == MediaKind.VIDEO);
            }
        }
        boolean[] v = new boolean[video.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = video.get(i);
        }
        peer.expectStreams(ssrcs.stream().mapToInt(Integer::intValue).toArray(), v);
        api.asyncMessage(handle, Map.of("request", "start"), Map.of("type", "answer", "sdp", ClientSdp.answer(offer, peer.local, peer.candidate(), false)),
                STEP);
        ClientSdp.Remote remote = ClientSdp.Remote.of(offer, localIp);
        peer.connect(remote.candidate(), remote.ufrag(), remote.password(), remote.fingerprint(), false, connectTimeoutMillis);
        times.connected();
        return new JanusSession(handle);
    }

    @Override
    public void close() {
        api.close();
    }

    /** All handles share one session: one keep-alive every 10 s is plenty (Janus times sessions out after 60 s). */
    private void keepSessionAlive() {
        long now = System.nanoTime();
        long last = lastKeepAlive.get();
        if (now - last > 10_000_000_000L && lastKeepAlive.compareAndSet(last, now)) {
            api.keepAlive();
        }
    }

    private static int firstPayloadType(SessionDescription sdp, MediaKind kind) {
        return sdp.media().stream().filter(m -> m.kind() == kind && !m.payloadTypes().isEmpty()).findFirst()
                .map(m -> m.payloadTypes().get(0).payloadType()).orElse(kind == MediaKind.AUDIO ? ClientSdp.OPUS_PT : ClientSdp.VP8_PT);
    }

    private final class JanusSession implements Session {
        private final long handle;

        JanusSession(long handle) {
            this.handle = handle;
        }

        @Override
        public void keepAlive() {
            keepSessionAlive();
        }

        @Override
        public void close() {
            try {
                api.syncMessage(handle, Map.of("request", "leave"));
            } catch (IOException | RuntimeException ignored) {
                // the session's destruction ends it too
            }
        }
    }
}
