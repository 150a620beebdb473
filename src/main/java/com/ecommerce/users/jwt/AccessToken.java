package com.ecommerce.users.jwt;

/** A signed access token and the seconds it has left. */
public record AccessToken(String token, long expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresIn + "]";
    }
}
