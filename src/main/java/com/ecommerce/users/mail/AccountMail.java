package com.ecommerce.users.mail;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.EmailAddress;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.smallrye.mutiny.Uni;

/**
 * The mails this service sends to accounts, from the Qute templates under templates/AccountMail/ (a text and an HTML
 * part each), through Quarkus' reactive mailer: a send returns at once and holds no thread and no database connection
 * while the SMTP server answers. Call it after the transaction that stored the token has committed. A failed send is
 * retried with a doubling back-off ({@link MailConfig}); when it finally fails, one warning names the account id and
 * the kind of mail, never the address or the token: the account can ask for the mail again. Callers ask
 * {@link RecipientCap} first.
 */
@ApplicationScoped
public class AccountMail {

    private static final Logger LOG = Logger.getLogger(AccountMail.class);

    // Nothing an account chose goes into a mail, its display name included: anybody can register with somebody
    // else's address, and "Hello https://evil.example/reset," would reach that inbox as the service's own words.
    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance verifyEmail(String link, String validity);

        static native MailTemplateInstance resetPassword(String link, String validity);
    }

    private final MailConfig config;

    AccountMail(MailConfig config) {
        this.config = config;
    }

    /** The link that confirms {@code to} (an address as stored) for account {@code accountId}. */
    public void sendVerification(int accountId, String to, String token, Duration validity) {
        String link = config.linkBase() + "/verify-email?token=" + token;
        send("verification", accountId, to, mailbox -> Templates.verifyEmail(link, human(validity)).to(mailbox)
                .subject("Confirm your email address"));
    }

    /** The link that sets a new password for account {@code accountId}. */
    public void sendPasswordReset(int accountId, String to, String token, Duration validity) {
        String link = config.linkBase() + "/reset-password?token=" + token;
        send("password reset", accountId, to, mailbox -> Templates.resetPassword(link, human(validity)).to(mailbox)
                .subject("Reset your password"));
    }

    /**
     * Mail goes to the address's {@link EmailAddress#mailbox} (its domain in ASCII); an address adopted from the
     * FastAPI app that today's rules refuse gets none: the mailer could not deliver it faithfully (docs/migrating-from-fastapi.md).
     */
    private void send(String kind, int accountId, String to, Function<String, MailTemplateInstance> mail) {
        if (!EmailAddress.isValid(to)) {
            LOG.infof("Not sending the %s mail of account id=%d: its address breaks today's address rules", kind, accountId);
            return;
        }
        String mailbox = EmailAddress.parse(to).mailbox();
        Uni.createFrom().deferred(() -> mail.apply(mailbox).send())
                .ifNoItem().after(config.attemptTimeout()).fail()
                // each failed attempt, by exception class only: an SMTP server's message may quote the address
                .onFailure().invoke(failure -> LOG.infof("Sending the %s mail of account id=%d failed (%s)", kind,
                        accountId, failure.getClass().getName()))
                .onFailure().retry().withBackOff(config.retryBackoff(), config.maxRetryBackoff())
                .atMost(config.sendAttempts() - 1L)
                .subscribe().with(
                        sent -> LOG.debugf("Sent the %s mail of account id=%d", kind, accountId),
                        failure -> LOG.warnf("Could not send the %s mail of account id=%d after %d attempts (%s); "
                                + "it can be requested again", kind, accountId, config.sendAttempts(),
                                failure.getClass().getName()));
    }

    /** "24 hours", "30 minutes": the validity as the mail states it. */
    static String human(Duration validity) {
        long minutes = validity.toMinutes();
        if (minutes >= 120 && minutes % 60 == 0) {
            return minutes / 60 + " hours";
        }
        if (minutes == 60) {
            return "1 hour";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
