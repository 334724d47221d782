package io.cpaas.tenant.console.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.config.TenantServiceConfig;
import io.cpaas.tenant.console.view.Member;
import io.cpaas.tenant.security.Caller;
import io.cpaas.tenant.security.CurrentCaller;
import io.cpaas.tenant.security.RandomIdentifiers;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A tenant's console users, kept in Keycloak through its admin REST API (the service account of
 * cpaas-service, which may manage users): invited with the tenant attribute set, one role
 * (tenant-admin or tenant-viewer) and a temporary password to change at first sign-in.
 */
@ApplicationScoped
public class ConsoleTeam {

    public static final Set<String> ROLES = Set.of(CurrentCaller.TENANT_ADMIN_ROLE, CurrentCaller.TENANT_VIEWER_ROLE);
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{2,63}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"']{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,}$");

    private final Keycloak keycloak;
    private final TenantService tenants;
    private final String realm;

    public ConsoleTeam(Keycloak keycloak, TenantService tenants, TenantServiceConfig config) {
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.realm = config.console().realm();
    }

    public List<Member> members(Caller caller, String tenantId) {
        Tenant tenant = tenants.get(caller, tenantId);
        List<Member> members = new ArrayList<>();
        for (UserRepresentation user : keycloak(() -> realm().users().searchByAttributes(0, 500, null, false,
                CurrentCaller.TENANT_CLAIM + ":" + tenant.id()))) {
            if (!tenant.id().equals(tenantOf(user))) {
                continue; // the search matches substrings on some versions; only exact members count
            }
            String role = keycloak(() -> realm().users().get(user.getId()).roles().realmLevel().listEffective()).stream()
                    .map(RoleRepresentation::getName).filter(ROLES::contains).sorted().findFirst().orElse("none");
            members.add(new Member(user.getId(), user.getUsername(), user.getEmail(), role, Boolean.TRUE.equals(user.isEnabled()),
                    user.getRequiredActions() != null && user.getRequiredActions().contains("UPDATE_PASSWORD"),
                    user.getUsername().equals(caller.subject())));
        }
        members.sort(Comparator.comparing(Member::username));
        return members;
    }

    /** Creates the console user; answers its temporary password (to hand over once; changed at first sign-in). */
    public Invited invite(Caller caller, String tenantId, String username, String email, String role) {
        Tenant tenant = manageable(caller, tenantId);
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            errors.add(new Problem.FieldError("username", "must be 3 to 64 of a-z 0-9 . _ @ -, starting with a letter or digit"));
        }
        String mail = email == null || email.isBlank() ? null : email.strip();
        if (mail != null && !EMAIL.matcher(mail).matches()) {
            errors.add(new Problem.FieldError("email", "must be an e-mail address"));
        }
        if (role == null || !ROLES.contains(role)) {
            errors.add(new Problem.FieldError("role", "must be tenant-admin or tenant-viewer"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "The user was not invited; see errors").withErrors(errors),
                    null);
        }
        String password = RandomIdentifiers.secret("").substring(0, 20);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(name);
        user.setEmail(mail);
        user.setEnabled(true);
        user.setAttributes(Map.of(CurrentCaller.TENANT_CLAIM, List.of(tenant.id())));
        user.setRequiredActions(List.of("UPDATE_PASSWORD"));
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(true);
        user.setCredentials(List.of(credential));
        String id;
        try (Response created = keycloak(() -> realm().users().create(user))) {
            if (created.getStatus() == 409) {
                throw new ProblemException(ProblemType.CONFLICT, "A user named '" + name + "' (or with that e-mail) exists already");
            }
            if (created.getStatus() != 201) {
                throw unavailable("Keycloak answered " + created.getStatus() + " to creating the user");
            }
            String location = created.getLocation().getPath();
            id = location.substring(location.lastIndexOf('/') + 1);
        }
        // The roles a user manager may give this user (reading the realm's roles would need view-realm).
        RoleRepresentation realmRole = keycloak(() -> realm().users().get(id).roles().realmLevel().listAvailable()).stream()
                .filter(available -> available.getName().equals(role)).findFirst()
                .orElseThrow(() -> unavailable("the realm has no role " + role));
        keycloak(() -> {
            realm().users().get(id).roles().realmLevel().add(List.of(realmRole));
            return null;
        });
        return new Invited(name, password, role);
    }

    /** Deletes a console user of the tenant; a user of another tenant is not found, and nobody removes themself. */
    public void remove(Caller caller, String tenantId, String userId) {
        Tenant tenant = manageable(caller, tenantId);
        UserRepresentation user;
        try {
            user = realm().users().get(userId).toRepresentation();
        } catch (WebApplicationException e) {
            throw notMember();
        } catch (RuntimeException e) {
            throw unavailable(e.getClass().getSimpleName());
        }
        if (!tenant.id().equals(tenantOf(user))) {
            throw notMember();
        }
        if (user.getUsername().equals(caller.subject())) {
            throw new ProblemException(ProblemType.CONFLICT, "You cannot remove yourself; ask another tenant admin");
        }
        keycloak(() -> realm().users().delete(userId)).close();
    }

    /** A user just invited: the temporary password is shown this once. */
    @io.quarkus.qute.TemplateData
    public record Invited(String username, String temporaryPassword, String role) {
    }

    private Tenant manageable(Caller caller, String tenantId) {
        Tenant tenant = tenants.get(caller, tenantId);
        if (!caller.canManage(tenantId)) {
            throw ProblemException.forbidden("Only tenant admins manage the team");
        }
        return tenant;
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static String tenantOf(UserRepresentation user) {
        List<String> values = user.getAttributes() == null ? null : user.getAttributes().get(CurrentCaller.TENANT_CLAIM);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ProblemException notMember() {
        return ProblemException.notFound("Console user");
    }

    private static <T> T keycloak(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(e.getClass().getSimpleName());
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "Keycloak's admin API is unavailable (" + why + "); retry shortly"),
                Duration.ofSeconds(1));
    }
}
