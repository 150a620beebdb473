package com.ecommerce.users.user;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.NewPassword;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.password.InvalidPasswordHashException;
import com.ecommerce.users.password.PasswordHasher;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The first admin, from configuration, as Keycloak's bootstrap admin and the FastAPI template's first superuser: at
 * start-up, when no account holds the admin role, the account {@code users.bootstrap-admin.email} is created with the
 * password {@code users.bootstrap-admin.password}, or, if that address is registered already, promoted only if the
 * configured password is its password (proof that its owner is the operator). Once an admin exists, both settings
 * are ignored: an address never carries a role by itself, so registering it, or moving an email onto it, grants
 * nothing (BootstrapAdminIT).
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    /** pg_advisory_xact_lock key: replicas starting together decide one after the other. ASCII "useradm". */
    private static final long LOCK = 0x75736572_61646dL;

    public enum Outcome { NOT_CONFIGURED, ADMIN_EXISTS, CREATED, PROMOTED, REFUSED }

    private final Optional<String> email;
    private final EmailAddress address;
    private final Optional<String> password;
    /** What the configured password breaks of the rule, in the rule's own words (no secret in them). */
    private final List<String> passwordViolations;
    private final PasswordHasher passwords;
    private final UserRepository users;
    private final AuditLog audit;

    BootstrapAdmin(BootstrapAdminConfig config, Validator validator, PasswordHasher passwords, UserRepository users,
            AuditLog audit) {
        this.audit = audit;
        this.email = config.email().map(String::strip).filter(e -> !e.isEmpty());
        this.address = this.email.filter(EmailAddress::isValid).map(EmailAddress::parse).orElse(null);
        // the rules of every new password, @NewPassword's (the common-password screen too), checked here by the
        // validator that checks the requests
        this.passwordViolations = config.password()
                .map(p -> validator.validateValue(NewPasswordValue.class, "password", p).stream()
                        .map(ConstraintViolation::getMessage).sorted().toList())
                .orElse(List.of());
        this.password = config.password().filter(p -> passwordViolations.isEmpty());
        this.passwords = passwords;
        this.users = users;
    }

    void onStart(@Observes StartupEvent event) {
        ensureAdmin();
    }

    /** What start-up does; each outcome but ADMIN_EXISTS is logged in one line. */
    public Outcome ensureAdmin() {
        if (email.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        if (!passwordViolations.isEmpty()) {
            LOG.warnf("users.bootstrap-admin.password breaks the rule of every new password (%s): no account is "
                    + "created or promoted (docs/security.md, \"The first admin\")",
                    String.join("; ", passwordViolations));
            return Outcome.NOT_CONFIGURED;
        }
        if (password.isEmpty()) {
            LOG.warn("users.bootstrap-admin.email is set without a users.bootstrap-admin.password of 8 to 1024 "
                    + "characters: no account is created or promoted (docs/security.md, \"The first admin\")");
            return Outcome.NOT_CONFIGURED;
        }
        if (address == null) {
            LOG.warn("users.bootstrap-admin.email is not an address an account can have (docs/security.md, \"Email "
                    + "addresses\"): no account is created or promoted");
            return Outcome.NOT_CONFIGURED;
        }
        String newHash = passwords.hash(password.get()); // before the transaction: no connection held through it
        // The verification of an existing account's hash runs inside it, under the lock: once per start at most.
        return QuarkusTransaction.requiringNew().call(() -> {
            users.lockUntilCommit(LOCK);
            if (users.adminExists()) {
                return Outcome.ADMIN_EXISTS;
            }
            Optional<User> existing = users.findByEmail(address.canonical());
            if (existing.isEmpty()) {
                User admin = new User();
                admin.name = "Administrator";
                admin.changeEmail(address);
                admin.role = Role.ADMIN;
                admin.changePassword(newHash);
                admin.markEmailVerified(); // the operator vouches for the address
                users.insert(admin);
                LOG.infof("Created the bootstrap admin, account id=%d, with users.bootstrap-admin.password", admin.id);
                audit.record(AuditEvent.ACCOUNT_REGISTERED, admin.id, null, "bootstrap admin");
                return Outcome.CREATED;
            }
            User account = existing.get();
            if (ownsConfiguredPassword(account)) {
                account.role = Role.ADMIN;
                account.markEmailVerified(); // the operator vouches for the address
                LOG.infof("Granted the admin role to account id=%d: its password is users.bootstrap-admin.password",
                        account.id);
                audit.record(AuditEvent.ROLE_CHANGED, account.id, null, "user->admin (bootstrap admin)");
                return Outcome.PROMOTED;
            }
            LOG.warnf("No admin exists, and account id=%d has the address users.bootstrap-admin.email but not the "
                    + "password users.bootstrap-admin.password: nothing changed (docs/security.md, \"The first admin\")",
                    account.id);
            return Outcome.REFUSED;
        });
    }

    /** What {@code users.bootstrap-admin.password} is checked as. */
    private record NewPasswordValue(@NewPassword String password) {
    }

    private boolean ownsConfiguredPassword(User account) {
        try {
            return passwords.verify(password.get(), account.passwordHash);
        } catch (InvalidPasswordHashException e) {
            return false;
        }
    }
}
