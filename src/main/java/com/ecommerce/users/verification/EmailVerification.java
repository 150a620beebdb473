package com.ecommerce.users.verification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.mail.AccountMail;
import com.ecommerce.users.mail.MailKind;
import com.ecommerce.users.mail.RecipientCap;
import com.ecommerce.users.mailedlink.InvalidLinkException;
import com.ecommerce.users.mailedlink.LinkPurpose;
import com.ecommerce.users.mailedlink.MailedLinks;
import com.ecommerce.users.throttle.RateLimit;
import com.ecommerce.users.throttle.RateLimitedException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Proof that an account receives mail at its address: a single-use link, mailed at registration, after an email
 * change and on request, bound to the address it was sent to (after an email change, the links sent to the old address
 * prove nothing). Using it sets {@code email_verified_at}. Tokens are stored in their own short transaction after the
 * account's has committed, and mailed after that one has: no connection is held while mail is sent. Each mail is
 * counted towards its address's cap first ({@link RecipientCap}); one held back gets no token.
 */
@ApplicationScoped
public class EmailVerification {

    private static final Logger LOG = Logger.getLogger(EmailVerification.class);

    private final MailedLinks links;
    private final AccountMail mail;
    private final UserRepository users;
    private final RateLimit rateLimit;
    private final RecipientCap cap;
    private final AuditLog audit;
    private final VerificationConfig config;

    EmailVerification(MailedLinks links, AccountMail mail, UserRepository users, RateLimit rateLimit,
            RecipientCap cap, AuditLog audit, VerificationConfig config) {
        this.links = links;
        this.mail = mail;
        this.users = users;
        this.rateLimit = rateLimit;
        this.cap = cap;
        this.audit = audit;
        this.config = config;
    }

    /**
     * Mails a verification link to {@code email}, the address of account {@code id} just registered or changed (by
     * {@code actorId}; null: the account itself, anonymously), unless the address has had its cap of mail. Never
     * fails its caller: the change is made, and the account can ask for the link again ({@link #resend}).
     */
    public void sendAfterCommit(int id, String email, Integer actorId) {
        try {
            send(id, email, actorId);
        } catch (RuntimeException e) {
            LOG.warnf("Could not issue the verification of account id=%d (%s); it can be requested again", id,
                    e.getClass().getName());
        }
    }

    /**
     * Mails a new link to the caller's current address, at most once per {@code resend-interval} and
     * {@code resend-max-per-day} times a day, and within the address's cap; links sent before stay valid until they
     * expire. A resend the cap holds back still counts towards the account's limits: the account asked.
     *
     * @throws EmailAlreadyVerifiedException when the current address is verified already
     * @throws RateLimitedException when over the account's limits or the address's cap
     */
    public void resend(int id) {
        User user = QuarkusTransaction.requiringNew().call(() -> users.findById(id).orElseThrow(UserNotFoundException::new));
        if (user.emailVerifiedAt != null) {
            throw new EmailAlreadyVerifiedException();
        }
        rateLimit.tryAcquire("account:" + id, List.of(
                new RateLimit.Limit("verification-resend", 1, config.resendInterval()),
                new RateLimit.Limit("verification-resend-day", config.resendMaxPerDay(), Duration.ofDays(1))))
                .ifPresent(wait -> {
                    throw new RateLimitedException(wait);
                });
        send(user.id, user.email, user.id).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }

    /**
     * Uses a verification token: its account's address is verified from now on, if it is still the address the token
     * was sent to.
     *
     * @return the account's id
     * @throws InvalidLinkException for an unknown, used or expired token, or one sent to an earlier address
     */
    public int verify(String token) {
        int id = QuarkusTransaction.requiringNew().call(() -> {
            User user = links.redeem(LinkPurpose.VERIFY_EMAIL, token);
            if (user.markEmailVerified()) {
                users.update(user);
            }
            return user.id;
        });
        audit.record(AuditEvent.EMAIL_VERIFIED, id, null);
        LOG.debugf("Verified the email of account id=%d", id);
        return id;
    }

    /** Empty once mailed; held back by the address's cap: how long until it may receive mail again. */
    private Optional<Duration> send(int id, String email, Integer actorId) {
        Optional<Duration> heldBack = cap.tryAcquire(MailKind.VERIFICATION, EmailAddress.canonicalOf(email), id, actorId);
        if (heldBack.isPresent()) {
            return heldBack;
        }
        String token = QuarkusTransaction.requiringNew()
                .call(() -> links.issue(id, LinkPurpose.VERIFY_EMAIL, email, config.tokenLifetime()));
        mail.sendVerification(id, email, token, config.tokenLifetime());
        audit.record(AuditEvent.EMAIL_VERIFICATION_SENT, id, actorId);
        return Optional.empty();
    }
}
