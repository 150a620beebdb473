package com.ecommerce.users.auth;

/** A signed access token and the seconds it has left. */
public record IssuedToken(String token, long expiresIn) {

    @Override
    public String toString() {
        return "IssuedToken[expiresIn=" + expiresIn + "]";
    }
}
