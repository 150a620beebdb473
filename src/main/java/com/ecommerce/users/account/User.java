package com.ecommerce.users.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotNull;

import org.hibernate.annotations.Formula;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An account, on the {@code users} table of the FastAPI app this service replaces (see the Flyway migrations).
 *
 * <p>The constraints here are only those the table enforces: the API validates input more strictly, and rows
 * adopted from the seed database must stay updatable even where they predate those rules.
 */
@Entity
@Table(name = "users")
@EntityListeners(AccountRowListener.class) // evicts this replica's cached status of the account
public class User extends PanacheEntityBase {

    /** SERIAL in the seed schema, so an int and an identity column. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @NotNull
    @Column(nullable = false, length = 50)
    public String name;

    /** As the account gave it ({@link EmailAddress#value}); set with {@link #changeEmail}, never alone. */
    @NotNull
    @Column(nullable = false, length = 255)
    public String email;

    /** {@link EmailAddress#canonical}: unique (index users_email_canonical_key), the key of every lookup. */
    @NotNull
    @Column(name = "email_canonical", nullable = false, length = 255)
    public String emailCanonical;

    /** A PHC string (Argon2, or bcrypt for imported accounts). Never serialized, never logged. */
    @NotNull
    @Column(name = "password", nullable = false, length = 255)
    public String passwordHash;

    @NotNull
    @Column(nullable = false, length = 16)
    public Role role = Role.USER;

    /** Tokens issued (JWT iat) before this instant are rejected; a whole second, see {@link #changePassword}. */
    @NotNull
    @Column(name = "password_changed_at", nullable = false)
    public Instant passwordChangedAt;

    /** When the account proved it receives mail at {@link #email}; null: not (yet), or not since it changed. */
    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;

    /** When an admin disabled the account; null: enabled. Set with {@link #disable}, cleared with {@link #enable}. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    /**
     * Whether the account has confirmed a second factor (V13's {@code mfa_totp}, which the {@code mfa} package alone
     * writes): read-only, in the same SELECT as the row, so that {@code GET /users/me} stays one database round trip.
     */
    @Formula("(EXISTS (SELECT 1 FROM mfa_totp m WHERE m.user_id = id AND m.confirmed_at IS NOT NULL))")
    public boolean secondFactorConfirmed;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Optimistic-locking version, exposed as the ETag. */
    @Version
    @Column(nullable = false)
    public long version;

    /**
     * Sets the address, and its canonical form with it. Another address (not merely another spelling of this one) is
     * unverified until its mail's link is used, and ends every token issued so far.
     *
     * @return whether the address is another one, not another spelling
     */
    public boolean changeEmail(EmailAddress address) {
        boolean another = !address.canonical().equals(emailCanonical);
        email = address.value();
        emailCanonical = address.canonical();
        if (another) {
            emailVerifiedAt = null;
        }
        return another;
    }

    /**
     * Marks the address verified now (microseconds, as timestamptz stores them), unless it is already.
     *
     * @return whether it changed
     */
    public boolean markEmailVerified() {
        if (emailVerifiedAt != null) {
            return false;
        }
        emailVerifiedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    /** Sets a new password hash and revokes every token issued so far ({@link #revokeTokens}). */
    public void changePassword(String newHash) {
        passwordHash = newHash;
        revokeTokens();
    }

    /**
     * Revokes every token issued so far (a password or an email change): from now on a token needs an iat of at least
     * {@link #passwordChangedAt}, the column's name from the time only a password change did this. Token iat claims
     * count whole seconds and are never dated before the cut-off in force when they are issued, so the new cut-off is
     * the next whole second, and always past the previous cut-off.
     */
    public void revokeTokens() {
        Instant now = Instant.now();
        Instant cutOff = now.truncatedTo(ChronoUnit.SECONDS);
        if (cutOff.isBefore(now)) {
            cutOff = cutOff.plusSeconds(1);
        }
        if (passwordChangedAt != null && !cutOff.isAfter(passwordChangedAt)) {
            cutOff = passwordChangedAt.plusSeconds(1);
        }
        passwordChangedAt = cutOff;
    }

    /**
     * Disables the account, unless it is already: no login, no refresh, and every token and session issued so far
     * ends ({@link #revokeTokens}), so that none comes back when the account is enabled again.
     *
     * @return whether it changed
     */
    public boolean disable() {
        if (disabledAt != null) {
            return false;
        }
        disabledAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        revokeTokens();
        return true;
    }

    /**
     * Enables a disabled account: its password logs in again. Its old tokens stay ended.
     *
     * @return whether it changed
     */
    public boolean enable() {
        if (disabledAt == null) {
            return false;
        }
        disabledAt = null;
        return true;
    }

    /** One clock reading for both on insert; microseconds, as timestamptz stores them. */
    @PrePersist
    void onInsert() {
        createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "User[id=" + id + "]";
    }
}
