package com.ecommerce.users.introspection.rest;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.introspection.ActiveToken;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * RFC 7662, section 2.2. An inactive token gets {@code {"active": false}} and nothing else. token_type is "Bearer", as
 * RFC 6749 (section 7.1) names the type and Keycloak's introspection answers it ("typ": "Bearer"); groups holds the
 * account's current role, as the token's own requests see it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "IntrospectionResponse")
public record IntrospectionResponse(
        @Schema(required = true) boolean active,
        @Schema(description = "The account id") String sub,
        @Schema(description = "The account's canonical email address (the token's upn)") String username,
        Long exp,
        Long iat,
        String iss,
        Set<String> aud,
        @JsonProperty("token_type") @Schema(examples = "Bearer") String tokenType,
        @Schema(description = "The session the token belongs to") String sid,
        String jti,
        @Schema(description = "The account's current role") List<String> groups) {

    static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null, null, null,
            null, null, null, null);

    static IntrospectionResponse of(ActiveToken token) {
        return new IntrospectionResponse(true, token.subject(), token.username(), token.expiresAt(), token.issuedAt(),
                token.issuer(), token.audience(), "Bearer", token.sessionId() == null ? null : token.sessionId().toString(),
                token.tokenId(), List.of(token.role().value()));
    }
}
