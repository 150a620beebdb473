package com.ecommerce.users.account;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import io.quarkus.arc.Arc;

/**
 * Every update or deletion of a {@link User} through Hibernate, wherever in the code it happens, is announced to this
 * replica as an {@link AccountRowChanged} event, which the token check's cache of account status observes (it evicts
 * the account). Updates of columns the token check does not read are announced too: cheaper than telling them apart,
 * and rare. An event, not a call: the account layer knows nothing of what caches it.
 */
public class AccountRowListener {

    @PostUpdate
    @PostRemove
    void changed(User user) {
        // a JPA entity listener is instantiated by Hibernate: the bean manager is looked up, not injected
        Arc.container().beanManager().getEvent().select(AccountRowChanged.class).fire(new AccountRowChanged(user.id));
    }
}
