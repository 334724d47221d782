package io.cpaas.room.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * A real HTTP endpoint on loopback that records every webhook request it gets and answers with the
 * status the test chooses for the n-th request (1-based), after an optional delay.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = (n, body) -> 200;
    private volatile Duration delay = Duration.ZERO;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                int n = count.incrementAndGet();
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                int status = responder.status(n, new String(body, StandardCharsets.UTF_8));
                received.add(new Received(n, Instant.now(), exchange.getRequestHeaders().getFirst("Cpaas-Webhook-Id"),
                        exchange.getRequestHeaders().getFirst("Cpaas-Signature"), body, status));
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The status answered to the n-th request, counting from 1. */
    public WebhookReceiver answering(IntUnaryOperator statusOfRequest) {
        return answering((n, body) -> statusOfRequest.applyAsInt(n));
    }

    public WebhookReceiver answering(Responder responder) {
        this.responder = responder;
        return this;
    }

    /** Chooses the status of a request from its number (from 1) and body. */
    @FunctionalInterface
    public interface Responder {
        int status(int n, String body);
    }

    public WebhookReceiver slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (bounded) until the received requests satisfy the condition; answers them. */
    public List<Received> await(Predicate<List<Received>> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Received> now = received();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the receiver did not get what was expected within " + timeout + "; got " + received().size()
                + " requests: " + received().stream().map(Received::text).toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as it arrived, and the status it was answered. */
    public record Received(int n, Instant at, String id, String signature, byte[] body, int status) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    /** Type of each request's event, in arrival order (read with a tiny regex: bodies are our own JSON). */
    public static String type(Received request) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"type\":\"([^\"]+)\"").matcher(request.text());
        return matcher.find() ? matcher.group(1) : null;
    }

}
