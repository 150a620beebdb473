package com.ecommerce.users.accountcache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.ecommerce.users.account.AccountRowChanged;

/**
 * This replica's own changes, evicted from its cache when their transaction ends, before the request that made them
 * answers: the next request, here, sees the change at once. Other replicas learn of it through the notification
 * (AccountChangeListener), which PostgreSQL sends at commit. Called for every write that the token check reads: the
 * users row (AccountRowListener) and the account's sessions (session.SessionRepository).
 */
@ApplicationScoped
public class AccountChanges {

    private final AccountStatusCache cache;
    private final TransactionSynchronizationRegistry transactions;

    AccountChanges(AccountStatusCache cache, TransactionSynchronizationRegistry transactions) {
        this.cache = cache;
        this.transactions = transactions;
    }

    /** The users row of an account is changing (account.AccountRowListener, on every Hibernate update or deletion). */
    void rowChanged(@Observes AccountRowChanged change) {
        changing(change.id());
    }

    /** Account {@code id} is changing in the current transaction (if any). */
    public void changing(int id) {
        cache.evict(id); // a load of the old row before commit must not be stored: this moves the epoch now
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    cache.evict(id); // and again once committed, for a load that read the old row meanwhile
                }
            });
        }
    }
}
