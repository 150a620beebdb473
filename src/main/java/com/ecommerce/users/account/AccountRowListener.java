package com.ecommerce.users.account;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import com.ecommerce.users.accountcache.AccountChanges;

import io.quarkus.arc.Arc;

/**
 * Every update or deletion of a {@link User} through Hibernate, wherever in the code it happens, evicts the account
 * from this replica's cache ({@link AccountChanges}). Updates of columns the token check does not read evict too:
 * cheaper than telling them apart, and rare.
 */
public class AccountRowListener {

    @PostUpdate
    @PostRemove
    void changed(User user) {
        // a JPA entity listener is instantiated by Hibernate: the bean is looked up, not injected
        Arc.container().instance(AccountChanges.class).get().changing(user.id);
    }
}
