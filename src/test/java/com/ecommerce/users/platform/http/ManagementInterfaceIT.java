package com.ecommerce.users.platform.http;

import com.ecommerce.users.support.ProductionAuth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@WithTestResource(ProductionAuth.class)
class ManagementInterfaceIT extends ManagementInterfaceTests {
}
