package com.ecommerce.users.user;

import com.ecommerce.users.support.ProductionAuth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The user API tests again, on the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(ProductionAuth.class)
class UserResourceIT extends UserResourceTests {
}
