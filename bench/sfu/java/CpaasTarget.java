import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.sdp.MediaSection;
import io.cpaas.sfu.sdp.SessionDescription;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our platform: rooms and tokens from room-service with the tenant's API key, POST /v1/rtc/join, then
 * the worker's signaling WebSocket (join with the ticket, publish/publishAnswer,
 * subscribeOffer/subscribeAnswer) and ICE-lite + DTLS to the candidate in the worker's SDP.
 */
final class CpaasTarget implements SfuTarget {

    private static final Duration STEP = Duration.ofSeconds(20);

    private final RoomServiceApi api;
    private final String roomMode;
    private final int connectTimeoutMillis;

    /**
     * @param roomMode conference, or broadcast: publishers (hosts) join the room's origin worker and
     *                 subscribers (viewers, no publish grant) the edges room-service opens for them
     */
    CpaasTarget(String roomServiceUrl, String apiKey, String roomMode, int connectTimeoutMillis) {
        this.api = new RoomServiceApi(roomServiceUrl, apiKey);
        this.roomMode = roomMode;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public String name() {
        return "cpaas";
    }

    @Override
    public void prepareRoom(String room, int participants) throws IOException {
        api.createRoom(room, roomMode, participants);
    }

    @Override
    public Session publish(String room, String identity, SyntheticMedia media, JoinTimes times) throws IOException {
        SignalSocket socket = join(room, identity, true, times);
        try {
            SimulatedPeer peer = media.peer;
            socket.send(Map.of("type", "publish", "sdp", ClientSdp.publishOffer(peer.local, media.audioSsrc, media.videoSsrc, "actpass", peer.candidate(), media.sendsAudioLevel(),
                    media.sendsTransportCc()),
                    "tracks", List.of(Map.of("mid", "0", "source", "microphone"), Map.of("mid", "1", "source", "camera"))));
            SessionDescription answer = ClientSdp.parse(socket.expect("publishAnswer", STEP).path("sdp").asText());
            ClientSdp.Remote remote = ClientSdp.Remote.of(answer);
            peer.connect(remote.candidate(), remote.ufrag(), remote.password(), remote.fingerprint(), true, connectTimeoutMillis);
            times.connected();
            return new WorkerSession(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public Session subscribe(String room, String identity, SimulatedPeer peer, JoinTimes times) throws IOException {
        SignalSocket socket = join(room, identity, false, times);
        try {
            SessionDescription offer = answerOffer(socket, socket.expect("subscribeOffer", STEP), peer);
            ClientSdp.Remote remote = ClientSdp.Remote.of(offer);
            peer.connect(remote.candidate(), remote.ufrag(), remote.password(), remote.fingerprint(), true, connectTimeoutMillis);
            times.connected();
            // Later offers (tracks that come and go) are answered as they arrive.
            socket.listen(frame -> {
                if ("subscribeOffer".equals(frame.path("type").asText()) && !socket.leaving) {
                    try {
                        answerOffer(socket, frame, peer);
                    } catch (IOException | RuntimeException e) {
                        System.err.println(identity + ": answering a new offer failed: " + e.getMessage());
                    }
                }
            });
            return new WorkerSession(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Joins as the SDK does, retrying twice with a new token and ticket when the worker refuses the ticket
     * (it says "get a new token": a worker that could not fetch room-service's keys in time refuses
     * tickets for a few seconds).
     */
    private SignalSocket join(String room, String identity, boolean publish, JoinTimes times) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String token = api.mintToken(room, identity, publish);
            JsonNode joined = api.join(token);
            times.joinAnswered();
            SignalSocket socket = new SignalSocket(joined.path("signalUrl").asText());
            socket.send(Map.of("type", "join", "ticket", joined.path("ticket").asText(), "protocol", 1));
            try {
                socket.expect("joined", STEP);
                times.signaled();
                return socket;
            } catch (IOException e) {
                socket.close();
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("invalid-ticket")) {
                    throw e;
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Answers the worker's offer and points the peer at the streams it announces (each sendonly section's first SSRC). */
    private static SessionDescription answerOffer(SignalSocket socket, JsonNode frame, SimulatedPeer peer) throws IOException {
        SessionDescription offer = ClientSdp.parse(frame.path("sdp").asText());
        List<Integer> ssrcs = new ArrayList<>();
        List<Boolean> video = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            String direction = m.direction().name();
            if ((direction.equals("SENDONLY") || direction.equals("SENDRECV")) && !m.ssrcs().isEmpty()) {
                ssrcs.add((int) m.ssrcs().get(0).ssrc());
                video.add(m.kind() == io.cpaas.sfu.sdp.MediaKind.VIDEO);
            }
        }
        int[] s = ssrcs.stream().mapToInt(Integer::intValue).toArray();
        boolean[] v = new boolean[video.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = video.get(i);
        }
        peer.expectStreams(s, v);
        SubscriberFeedback feedback = peer.feedback;
        if (feedback != null && !offer.media().isEmpty()) {
            feedback.transportCcId = ClientSdp.transportCcId(offer.media().get(0)); // one id for the whole BUNDLE
        }
        socket.send(Map.of("type", "subscribeAnswer", "sdp", ClientSdp.answer(offer, peer.local, peer.candidate(), feedback != null)));
        return offer;
    }

    private static final class WorkerSession implements Session {
        private final SignalSocket socket;

        WorkerSession(SignalSocket socket) {
            this.socket = socket;
        }

        @Override
        public void keepAlive() {
            try {
                socket.send(Map.of("type", "ping", "ts", System.currentTimeMillis()));
            } catch (IOException | RuntimeException ignored) {
                // a closed socket shows in the report as a participant that stopped receiving
            }
        }

        @Override
        public long signalFramesReceived() {
            return socket.framesReceived();
        }

        @Override
        public long signalCharsReceived() {
            return socket.charsReceived();
        }

        @Override
        public void close() {
            socket.leaving = true;
            try {
                socket.send(Map.of("type", "leave"));
            } catch (IOException | RuntimeException ignored) {
                // leaving anyway
            }
            socket.close();
        }
    }
}
