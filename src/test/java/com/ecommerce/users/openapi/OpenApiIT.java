package com.ecommerce.users.openapi;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTests {
}
