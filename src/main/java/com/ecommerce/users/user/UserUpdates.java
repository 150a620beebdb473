package com.ecommerce.users.user;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.credential.CredentialCheck.PasswordProof;
import com.ecommerce.users.credential.WrongPasswordException;
import com.ecommerce.users.mfa.SecondFactor;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.platform.problem.InvalidRequestException;
import com.ecommerce.users.verification.EmailVerification;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Changes of an account: its merge patch, its own password change, its deletion. Only an admin sets roles, sets other
 * accounts' passwords, and disables or enables accounts; an account changes its own password only with the current
 * one, and its own email too: a stolen token must not be enough to take the login over. A current password that is
 * sent is checked whatever the change (the caller's own, an admin's too): a wrong one is never ignored, and counts as
 * a guess. On an account with a second factor, a change of its own email or password and its own deletion also need
 * a code ({@link SecondFactor#stepUp}). A new email or password revokes every token of the account, and so does
 * disabling it. The last admin keeps its role and stays enabled ({@link LastAdminRule}). Hashes are computed before
 * the transaction opens; the transaction locks the row, so concurrent changes queue up and each one's
 * {@code If-Match} sees the version the previous one wrote.
 */
@ApplicationScoped
public class UserUpdates {

    private static final Logger LOG = Logger.getLogger(UserUpdates.class);

    private final UserRepository repository;
    private final PasswordHasher passwords;
    private final CredentialCheck credentials;
    private final AuditLog audit;
    private final EmailVerification verification;
    private final LastAdminRule lastAdmin;
    private final SecondFactor secondFactor;

    UserUpdates(UserRepository repository, PasswordHasher passwords, CredentialCheck credentials, AuditLog audit,
            EmailVerification verification, LastAdminRule lastAdmin, SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.repository = repository;
        this.passwords = passwords;
        this.credentials = credentials;
        this.audit = audit;
        this.verification = verification;
        this.lastAdmin = lastAdmin;
    }

    /**
     * @param ifMatch tests the current version; {@code null} updates unconditionally
     * @param client the caller's address, for throttling password guesses
     */
    public User update(Caller caller, int id, UserChanges changes, LongPredicate ifMatch, String client) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        if (changes.role() != null && !caller.admin()) {
            throw new ForbiddenChangeException("Only an admin can change a role");
        }
        if (changes.disabled() != null && !caller.admin()) {
            throw new ForbiddenChangeException("Only an admin can disable or enable an account");
        }
        if (changes.password() != null && (!caller.admin() || caller.userId() == id)) {
            throw new ForbiddenChangeException("Change your own password with PUT /users/me/password");
        }
        boolean own = caller.userId() == id;
        PasswordProof proof = changes.currentPassword() != null || changes.email() != null && own
                ? proveOwnPassword(caller, changes.currentPassword(), client)
                : null;
        if (own && changes.email() != null) {
            secondFactor.stepUp(id, changes.factor().code(), changes.factor().recoveryCode(), client);
        }
        EmailAddress newEmail = changes.email() == null ? null : EmailAddress.parse(changes.email());
        String newHash = changes.password() == null ? null : passwords.hash(changes.password());
        Applied applied = QuarkusTransaction.requiringNew().call(() -> {
            User user = lockForUpdate(id, ifMatch);
            if (proof != null) {
                confirm(proof, own ? user : null);
            }
            return apply(user, changes, newEmail, newHash);
        });
        User updated = applied.user();
        LOG.debugf("Updated user id=%d to version %d", (Object) updated.id, (Object) updated.version);
        // once committed: an event that rolled back did not happen
        applied.events().forEach(event -> audit.record(event.event(), id, caller.userId(), event.detail()));
        if (applied.anotherAddress()) {
            verification.sendAfterCommit(updated.id, updated.email, caller.userId());
        }
        return updated;
    }

    /** Replaces the caller's password after checking the current one. Every token issued before stops working. */
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword, StepUpCode factor,
            String client) {
        PasswordProof proof = proveOwnPassword(caller, currentPassword, client);
        secondFactor.stepUp(caller.userId(), factor.code(), factor.recoveryCode(), client);
        String newHash = passwords.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            User user = lockForUpdate(caller.userId(), null);
            confirm(proof, user);
            user.changePassword(newHash);
        });
        audit.record(AuditEvent.PASSWORD_CHANGED, caller.userId(), caller.userId());
    }

    /**
     * Deletes the account, unless it is the last admin. One's own account, if it has a second factor, only with a
     * code of it.
     */
    public void delete(Caller caller, int id, LongPredicate ifMatch, StepUpCode factor, String client) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        if (caller.userId() == id) {
            secondFactor.stepUp(id, factor.code(), factor.recoveryCode(), client);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            User user = lockForUpdate(id, ifMatch);
            lastAdmin.check(user);
            repository.delete(user);
        });
        audit.record(AuditEvent.ACCOUNT_DELETED, id, caller.userId());
    }

    /** What a patch did, in its transaction: the account, whether its address is another one, what to audit. */
    private record Applied(User user, boolean anotherAddress, List<Audited> events) {
    }

    private record Audited(AuditEvent event, String detail) {
    }

    private Applied apply(User user, UserChanges changes, EmailAddress newEmail, String newHash) {
        List<Audited> events = new ArrayList<>();
        boolean anotherAddress = false;
        if (changes.role() == Role.USER) {
            lastAdmin.check(user);
        }
        if (changes.name() != null) {
            user.name = changes.name();
        }
        if (newEmail != null && !newEmail.value().equals(user.email)) {
            anotherAddress = user.changeEmail(newEmail); // another address, not another spelling: unverified
            user.revokeTokens();
            events.add(new Audited(AuditEvent.EMAIL_CHANGED, null));
        }
        if (changes.role() != null && changes.role() != user.role) {
            events.add(new Audited(AuditEvent.ROLE_CHANGED, user.role.value() + "->" + changes.role().value()));
            user.role = changes.role();
        }
        if (newHash != null) {
            user.changePassword(newHash);
            events.add(new Audited(AuditEvent.PASSWORD_CHANGED, "set by an admin"));
        }
        if (Boolean.TRUE.equals(changes.disabled()) && user.disabledAt == null) {
            lastAdmin.check(user); // a disabled admin manages nothing
            user.disable(); // ends its tokens and sessions with the cut-off
            events.add(new Audited(AuditEvent.ACCOUNT_DISABLED, null));
        } else if (Boolean.FALSE.equals(changes.disabled()) && user.enable()) {
            events.add(new Audited(AuditEvent.ACCOUNT_ENABLED, null));
        }
        repository.update(user); // surfaces a duplicate email here
        return new Applied(user, anotherAddress, events);
    }

    private PasswordProof proveOwnPassword(Caller caller, String currentPassword, String client) {
        if (currentPassword == null) {
            throw new InvalidRequestException("currentPassword", "is required to change your own email");
        }
        return credentials.check(caller.userId(), currentPassword, client).orElseThrow(WrongPasswordException::new);
    }

    /**
     * In the change's transaction: the failure counts of the proven password start afresh, and, for the account's own
     * row, the password proven before the row was locked is still its password (a change in between wins).
     */
    private void confirm(PasswordProof proof, User own) {
        if (own != null && !own.passwordChangedAt.equals(proof.account().passwordChangedAt())) {
            throw new WrongPasswordException();
        }
        credentials.confirm(proof);
    }

    /** The locked row, if {@code ifMatch} accepts its version ({@code null} accepts any). */
    private User lockForUpdate(int id, LongPredicate ifMatch) {
        User user = repository.lockForUpdate(id).orElseThrow(UserNotFoundException::new);
        if (ifMatch != null && !ifMatch.test(user.version)) {
            throw new VersionMismatchException();
        }
        return user;
    }
}
