package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.token;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/** A weak hash is replaced at login, but never over a password change that happened meanwhile. */
@QuarkusTest
class HashUpgradeTests {

    /** passlib's default parameters (m=102400, t=2, p=8, 16-byte digest) of "secret123", from the vectors. */
    private static final String PASSLIB_HASH = "$argon2id$v=19$m=102400,t=2,p=8$iXHO2ZvznvN+r/X+/9/b+w$CDGEpTUK3e77+49SSTqdWA";

    @Inject
    DataSource dataSource;

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher passwords;

    @Test
    void loginUpgradesAPasslibHash() {
        Account account = newAccount("Legacy");
        assertThat(db().execute("UPDATE users SET password = ? WHERE id = ?", PASSLIB_HASH, account.id())).isEqualTo(1);

        token(account.email(), "secret123");

        String upgraded = (String) db().user(account.id()).get("password");
        assertThat(upgraded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(passwords.verify("secret123", upgraded)).isTrue();
        token(account.email(), "secret123");
    }

    @Test
    void anUpgradeLosesToAConcurrentPasswordChange() {
        Account account = newAccount("Race");
        String readAtLogin = (String) db().user(account.id()).get("password");
        // the password changes while the login that read the old hash is still computing its upgrade
        admin().auth().contentType(MERGE_PATCH).body("{\"password\": \"changed meanwhile\"}").patch("/users/" + account.id())
                .then().statusCode(200);

        boolean upgraded = users.upgradeHash(account.id(), readAtLogin, passwords.hash(PASSWORD));

        assertThat(upgraded).isFalse();
        assertThat(passwords.verify("changed meanwhile", (String) db().user(account.id()).get("password"))).isTrue();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
