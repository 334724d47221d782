/** When one participant's join steps finished, in nanoseconds after it started (0: not reached). */
final class JoinTimes {
    final long started = System.nanoTime();
    long joinAnswered;
    long signaled;
    long connected;

    void joinAnswered() {
        joinAnswered = System.nanoTime() - started;
    }

    void signaled() {
        signaled = System.nanoTime() - started;
    }

    void connected() {
        connected = System.nanoTime() - started;
    }
}
