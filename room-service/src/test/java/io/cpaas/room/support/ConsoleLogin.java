package io.cpaas.room.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console user signed in without a browser: follows the authorization code flow through
 * Keycloak's real login form with a cookie jar, then sends pages and form posts as a browser would.
 */
public final class ConsoleLogin {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final LoopbackCookies jar = new LoopbackCookies(cookies);
    private final HttpClient http;
    private String lastPage = "";

    private ConsoleLogin(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Signs in at {@code baseUrl}/console as the user; fails unless the console answers a page afterwards. */
    public static ConsoleLogin signIn(String baseUrl, String username, String password) {
        ConsoleLogin login = new ConsoleLogin(baseUrl);
        HttpResponse<String> loginPage = login.send(HttpRequest.newBuilder(URI.create(baseUrl + "/console")).GET().build());
        login.signInOnForm(loginPage, username, password);
        return login;
    }

    /**
     * Fills in Keycloak's login form that {@code loginPage} showed; answers the console page it led
     * back to (fails when it did not lead back to the console).
     */
    public HttpResponse<String> signInOnForm(HttpResponse<String> loginPage, String username, String password) {
        Matcher form = LOGIN_FORM.matcher(loginPage.body());
        if (!form.find()) {
            throw new AssertionError("expected Keycloak's login form, got " + loginPage.statusCode() + " from " + loginPage.uri());
        }
        String action = form.group(1).replace("&amp;", "&");
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password)))).build());
        if (!after.uri().toString().startsWith(baseUrl + "/console")) {
            throw new AssertionError("sign-in did not come back to the console: " + after.statusCode() + " " + after.uri());
        }
        return after;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** Posts a form with the CSRF token a page of the console gave (as the browser does). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        String token = formToken(lastPage);
        withToken.put("csrf-token", token == null ? csrfToken() : token);
        return postRaw(path, withToken);
    }

    /** Posts a form exactly as given: no CSRF token is added. */
    public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    /** The token the last console page carried in its forms (the CSRF cookie holds the same). */
    public String csrfToken() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("csrf-token"))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no CSRF cookie: open a console page first"));
    }

    /** The CSRF token written into {@code page}'s forms. */
    public static String formToken(String page) {
        Matcher field = CSRF_FIELD.matcher(page);
        return field.find() ? field.group(1) : null;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            lastPage = response.body();
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keycloak marks its cookies Secure even over http; browsers send those to 127.0.0.1 and
     * localhost (trustworthy origins), Java's cookie manager does not. Here every host is local.
     */
    private static final class LoopbackCookies extends java.net.CookieHandler {

        private final CookieManager delegate;

        LoopbackCookies(CookieManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            return delegate.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            Map<String, java.util.List<String>> relaxed = new java.util.HashMap<>();
            headers.forEach((name, values) -> relaxed.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList() : values));
            delegate.put(uri, relaxed);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
