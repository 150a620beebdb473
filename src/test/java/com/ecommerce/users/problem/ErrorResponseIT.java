package com.ecommerce.users.problem;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ErrorResponseIT extends ErrorResponseTests {
}
