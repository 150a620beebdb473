package com.ecommerce.users.introspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** USERS_INTROSPECTION_CLIENTS: what starts, and what fails start-up with a message that never shows a secret. */
class IntrospectionClientsTests {

    @Test
    void pairsSeparatedByCommasAreClients() {
        assertThat(IntrospectionClients.parse(" orders:0123456789abcdef0123 , gateway:a:secret:with:colons ")).containsOnlyKeys(
                "orders", "gateway");
        assertThat(IntrospectionClients.parse("")).isEmpty();
    }

    @Test
    void malformedEntriesFailStartUpWithoutShowingASecret() {
        assertThatThrownBy(() -> IntrospectionClients.parse("orders:0123456789abcdef,gateway")).hasMessageContaining(
                "USERS_INTROSPECTION_CLIENTS").hasMessageContaining("entry 2 is not id:secret");
        assertThatThrownBy(() -> IntrospectionClients.parse("orders:short-secret")).hasMessageContaining(
                "shorter than 16").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> IntrospectionClients.parse("orders:0123456789abcdef,orders:fedcba9876543210"))
                .hasMessageContaining("repeats the client id orders").hasMessageNotContaining("fedcba9876543210");
        assertThatThrownBy(() -> IntrospectionClients.parse(":0123456789abcdef")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> IntrospectionClients.parse("orders:0123456789abcdef,")).hasMessageContaining("entry 2");
    }
}
