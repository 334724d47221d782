import java.io.IOException;

/**
 * An SFU under load, seen from its clients: how a simulated participant gets into a room, publishes
 * and subscribes. Implementations speak that server's real signaling.
 */
interface SfuTarget extends AutoCloseable {

    String name();

    /** The address the simulated peers bind to and announce as their host candidate. */
    default String clientAddress() {
        return "127.0.0.1";
    }

    /** Whatever a room needs before anyone joins (created with room for everyone). */
    void prepareRoom(String room, int participants) throws IOException;

    /** Joins, offers audio+video and connects {@code media}'s peer; returns once DTLS is done. */
    Session publish(String room, String identity, SyntheticMedia media, JoinTimes times) throws IOException;

    /** Joins, takes the server's offer of every published track, connects {@code peer}; returns once DTLS is done. */
    Session subscribe(String room, String identity, SimulatedPeer peer, JoinTimes times) throws IOException;

    @Override
    default void close() {
    }

    /** One participant's signaling, kept open (and pinged) while the load runs. */
    interface Session extends AutoCloseable {
        void keepAlive();

        /** Signaling frames this participant received so far; 0 where the target's signaling is not counted. */
        default long signalFramesReceived() {
            return 0;
        }

        /** Their size in characters (JSON: about bytes). */
        default long signalCharsReceived() {
            return 0;
        }

        @Override
        void close();
    }
}
