package com.ecommerce.users;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * OpenAPI description of the whole API: the bearer scheme of the access tokens, and the OAuth 2.0 password flow that
 * lets Swagger UI's Authorize button log in through POST /auth/login.
 */
@OpenAPIDefinition(info = @Info(title = "user-service API", version = "1.0",
        description = "Accounts and credentials of the e-commerce backend. Errors are RFC 9457 problem details "
                + "(application/problem+json)."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from POST /auth/login")
@SecurityScheme(securitySchemeName = "password", type = SecuritySchemeType.OAUTH2,
        description = "Log in with email (as username) and password",
        flows = @OAuthFlows(password = @OAuthFlow(tokenUrl = "/auth/login", refreshUrl = "/auth/token")))
public class UserServiceApplication extends Application {
}
