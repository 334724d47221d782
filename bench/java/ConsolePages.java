import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times pages of the tenant console and the room-service endpoints behind them, one request at a
 * time (no queueing: each latency is one page's time), after signing in through Keycloak's real
 * login form with a cookie jar as a browser does. --targets lists "name url" lines; a URL under
 * --console is sent with the session, any other with --cluster-secret (room-service's internal API).
 * Prints one RESULT line per target: n, p50, p95, p99, max (ms), errors, bytes of the last answer.
 */
public final class ConsolePages {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String console = args.get("console");
        int requests = args.integer("requests", 200);
        int warmup = args.integer("warmup", 20);
        String secret = args.get("cluster-secret");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        signIn(http, console, args.get("user"), args.get("password"));
        for (String line : Files.readAllLines(Path.of(args.get("targets")))) {
            if (line.isBlank()) {
                continue;
            }
            String[] target = line.trim().split("\\s+", 2);
            boolean page = target[1].startsWith(console);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target[1])).GET();
            if (!page) {
                request.header("X-Cluster-Secret", secret).header("Accept", "application/json");
            }
            System.out.println(time(http, request.build(), page, warmup, requests).line(target[0]));
        }
    }

    private static Result time(HttpClient http, HttpRequest request, boolean page, int warmup, int requests) throws Exception {
        double[] millis = new double[requests];
        int errors = 0;
        String firstError = null;
        int bytes = 0;
        for (int i = -warmup; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double elapsed = (System.nanoTime() - start) / 1e6;
            // A page answered by Keycloak's login form is a lost session, not a page.
            boolean ok = answer.statusCode() == 200 && (!page || answer.uri().equals(request.uri()));
            if (i >= 0) {
                millis[i] = elapsed;
                bytes = answer.body().length;
                if (!ok) {
                    errors++;
                    if (firstError == null) {
                        firstError = answer.statusCode() + " " + answer.uri();
                    }
                }
            }
        }
        Arrays.sort(millis);
        return new Result(millis, errors, firstError, bytes);
    }

    private static void signIn(HttpClient http, String console, String user, String password) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(console + "/console")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher form = LOGIN_FORM.matcher(login.body());
        if (!form.find()) {
            throw new IllegalStateException("expected Keycloak's login form, got " + login.statusCode() + " from " + login.uri());
        }
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (after.statusCode() != 200 || !after.uri().toString().startsWith(console + "/console")) {
            throw new IllegalStateException("sign-in did not come back to the console: " + after.statusCode() + " " + after.uri());
        }
    }

    record Result(double[] sorted, int errors, String firstError, int bytes) {

        double percentile(double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }

        String line(String name) {
            return String.format("RESULT %s n=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d bytes=%d%s", name, sorted.length,
                    percentile(50), percentile(95), percentile(99), sorted[sorted.length - 1], errors, bytes,
                    firstError == null ? "" : " first_error=" + firstError.replace(' ', '_'));
        }
    }

    /**
     * Keycloak marks its cookies Secure even over http; browsers send those to 127.0.0.1 (a
     * trustworthy origin), Java's cookie manager does not. Every host here is local.
     */
    private static final class LoopbackCookies extends CookieHandler {

        private final CookieManager delegate = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return delegate.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> relaxed = new HashMap<>();
            headers.forEach((name, values) -> relaxed.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? new ArrayList<>(values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList()) : values));
            delegate.put(uri, relaxed);
        }
    }
}
