package io.cpaas.sfu.dtls;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a {@link DtlsServerSession} reports, and on which threads. */
final class RecordingListener implements DtlsSessionListener {

    final CompletableFuture<DtlsSrtpKeys> completed = new CompletableFuture<>();
    final CompletableFuture<DtlsFailure> failed = new CompletableFuture<>();
    final CompletableFuture<DtlsClosure> closed = new CompletableFuture<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void handshakeCompleted(DtlsSrtpKeys keys) {
        record("completed");
        completed.complete(keys);
    }

    @Override
    public void handshakeFailed(DtlsFailure failure) {
        record("failed " + failure.reason());
        failed.complete(failure);
    }

    @Override
    public void connectionClosed(DtlsClosure closure) {
        record("closed " + closure.kind());
        closed.complete(closure);
    }

    private void record(String call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
    }
}
