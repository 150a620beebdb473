package com.ecommerce.users.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.account.UserPage;
import com.ecommerce.users.account.UserRepository;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The admin listing's name filter ({@link UserRepository#page}): what it matches, and that PostgreSQL answers it from
 * the trigram index of V6. Each test writes its rows in a transaction that is rolled back at its end.
 */
@QuarkusTest
class NameFilterTests {

    @Inject
    UserRepository users;

    @Inject
    EntityManager entityManager;

    @Test
    @TestTransaction
    void wildcardsAndTheEscapeCharacterInTheInputAreLiteralAndLetterCaseIsIgnored() {
        String tag = letters(10);
        // each pair: the name the input means, then one the input would match if its characters were not literal
        int percent = insert(tag + " 100% sure");
        int hundredX = insert(tag + " 100x sure");
        int underscore = insert(tag + " a_b");
        int axb = insert(tag + " axb");
        int backslash = insert(tag + " c\\d");
        int cd = insert(tag + " cd");
        int bang = insert(tag + " e!f");
        int ef = insert(tag + " ef");

        assertThat(ids(tag + " 100%")).containsExactly(percent);
        assertThat(ids(tag + " a_b")).containsExactly(underscore);
        assertThat(ids(tag + " c\\d")).containsExactly(backslash);
        assertThat(ids(tag + " e!f")).containsExactly(bang);
        assertThat(ids(tag.toUpperCase() + " 100X")).as("letter case ignored").containsExactly(hundredX);
        assertThat(ids(tag.toUpperCase())).as("every row of the tag, in id order")
                .containsExactly(percent, hundredX, underscore, axb, backslash, cd, bang, ef);
        assertThat(ids(tag + "%")).as("a trailing % is literal too").isEmpty();
    }

    /**
     * Fails when the index goes, or when the query and the index stop matching (another expression than
     * lower(name), ILIKE, another operator class). Enough rows that PostgreSQL's own cost estimate prefers the index,
     * as it does at 1 000 000 (bench/name-filter), rather than a forced plan.
     */
    @Test
    @TestTransaction
    void aRareNameIsLookedUpInTheTrigramIndex() {
        sql("""
                INSERT INTO users (name, email, password)
                SELECT (ARRAY['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken'])[1 + g % 8] || ' '
                       || (ARRAY['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Lovelace', 'Hopper', 'Turing',
                                 'Ritchie', 'Liskov', 'Knuth'])[1 + g / 8 % 11],
                       'name-filter-' || g || '-' || gen_random_uuid() || '@example.com', 'not a hash'
                FROM generate_series(1, 20000) g""");
        String rare = letters(12);
        int first = insert("Ada " + rare);
        int second = insert("Grace " + rare + "-Hopper");
        sql("ANALYZE users");
        long scansBefore = trigramIndexScans();

        UserPage page = users.page(20, 0, null, rare.toUpperCase());

        assertThat(page.users()).extracting(user -> user.id).containsExactly(first, second);
        assertThat(page.lastId()).isNull();
        assertThat(trigramIndexScans() - scansBefore).as("scans of users_name_trgm by the page query").isEqualTo(1);
    }

    private List<Integer> ids(String nameContains) {
        return users.page(100, 0, null, nameContains).users().stream().map(user -> user.id).toList();
    }

    private int insert(String name) {
        return ((Number) entityManager.createNativeQuery(
                "INSERT INTO users (name, email, password) VALUES (?1, ?2, 'not a hash') RETURNING id")
                .setParameter(1, name)
                .setParameter(2, UserApi.uniqueEmail())
                .getSingleResult()).intValue();
    }

    private void sql(String statement) {
        entityManager.createNativeQuery(statement).executeUpdate();
    }

    /** Index scans of this transaction (its statistics are reported at its end). */
    private long trigramIndexScans() {
        return ((Number) entityManager.createNativeQuery("SELECT pg_stat_get_xact_numscans('users_name_trgm'::regclass)")
                .getSingleResult()).longValue();
    }

    private static String letters(int count) {
        StringBuilder text = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
