package com.ecommerce.users.recovery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.mail.MailKind;
import com.ecommerce.users.mail.RecipientCap;
import com.ecommerce.users.mailedlink.InvalidLinkException;
import com.ecommerce.users.mailedlink.LinkPurpose;
import com.ecommerce.users.mailedlink.MailedLinks;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.throttle.RateLimit;
import com.ecommerce.users.throttle.RateLimitedException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Forgotten passwords: a request mails a single-use reset link to the address if an account has it, and is answered
 * alike either way ({@link RecoveryMails}); the link's token sets a new password, which ends every token and session
 * of the account (the cut-off {@link User#changePassword} moves) and every other reset link.
 */
@ApplicationScoped
public class PasswordRecovery {

    private static final Logger LOG = Logger.getLogger(PasswordRecovery.class);

    private final RateLimit rateLimit;
    private final RecipientCap cap;
    private final RecoveryMails mails;
    private final MailedLinks links;
    private final PasswordHasher passwords;
    private final UserRepository users;
    private final AuditLog audit;
    private final RecoveryConfig config;

    PasswordRecovery(RateLimit rateLimit, RecipientCap cap, RecoveryMails mails, MailedLinks links,
            PasswordHasher passwords, UserRepository users, AuditLog audit, RecoveryConfig config) {
        this.rateLimit = rateLimit;
        this.cap = cap;
        this.mails = mails;
        this.links = links;
        this.passwords = passwords;
        this.users = users;
        this.audit = audit;
        this.config = config;
    }

    /**
     * The same work, whether or not an account has {@code email}: the client's count (over it: 429), the count of the
     * address's mail cap ({@link RecipientCap}, on the address asked for, with no account named: over it, nothing
     * more happens, silently, since the answer must not depend on the address), then the rest in the background.
     *
     * @throws RateLimitedException when {@code client} made too many requests
     */
    public void request(String email, String client) {
        rateLimit.tryAcquire(client, List.of(new RateLimit.Limit("recovery-client", config.maxPerClient(),
                config.clientWindow()))).ifPresent(wait -> {
                    throw new RateLimitedException(wait);
                });
        String canonical = EmailAddress.parse(email).canonical();
        if (cap.tryAcquire(MailKind.PASSWORD_RESET, canonical, null, null).isEmpty()) {
            mails.submit(canonical);
        }
    }

    /**
     * Sets the password of the reset token's account. The token is checked before the password is hashed (no hash for
     * a made-up token), the hash computed with no transaction open, and the token used under its row lock.
     *
     * @throws InvalidLinkException for an unknown, used or expired token, or one mailed to an earlier address
     */
    public void reset(String token, String newPassword) {
        QuarkusTransaction.requiringNew().call(() -> links.check(LinkPurpose.RESET_PASSWORD, token));
        String hash = passwords.hash(newPassword);
        int id = QuarkusTransaction.requiringNew().call(() -> {
            User user = links.redeem(LinkPurpose.RESET_PASSWORD, token);
            user.changePassword(hash);
            user.markEmailVerified(); // the mail reached it
            users.update(user);
            links.retireAll(user.id, LinkPurpose.RESET_PASSWORD);
            return user.id;
        });
        audit.record(AuditEvent.PASSWORD_RESET, id, null);
        LOG.debugf("Reset the password of account id=%d", id);
    }
}
