package io.cpaas.tenant.console.rest;

/** The console's pages shown outside a session, each a {@code notice} with a way back in. */
public final class ConsoleNotices {

    private ConsoleNotices() {
    }

    static String signedOut() {
        return ConsoleTemplates.notice("Signed out", "You are signed out", "Your console session has ended.", "Sign in again").render();
    }

    static String sessionExpired() {
        return ConsoleTemplates.notice("Session expired", "Your session has expired",
                "You were signed out because your session ended (it was idle too long, or it was ended elsewhere). Nothing was changed.",
                "Sign in again").render();
    }

    /** Keycloak cannot be reached (security/IdentityProviderUnavailableHandler). */
    public static String signInUnavailable() {
        return ConsoleTemplates.notice("Sign-in is unavailable", "Sign-in is unavailable",
                "The console cannot reach its identity provider (Keycloak) to sign you in. Calls, rooms and API keys keep"
                        + " working; only the console and Keycloak tokens wait for it. Try again in a minute.",
                "Reload the console").render();
    }
}
