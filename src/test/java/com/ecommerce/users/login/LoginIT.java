package com.ecommerce.users.login;

import com.ecommerce.users.support.ProductionAuth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@WithTestResource(ProductionAuth.class)
class LoginIT extends LoginTests {
}
