package com.ecommerce.users.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The user API tests again, on the packaged application. */
@QuarkusIntegrationTest
class UserResourceIT extends UserResourceTests {
}
