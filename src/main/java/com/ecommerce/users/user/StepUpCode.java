package com.ecommerce.users.user;

/**
 * The second factor a sensitive change of one's own account sends beside the current password: a code of the
 * authenticator app or a recovery code (either may be null). Checked only for an account with a second factor.
 */
public record StepUpCode(String code, String recoveryCode) {

    public static final StepUpCode NONE = new StepUpCode(null, null);

    @Override
    public String toString() {
        return "StepUpCode[]";
    }
}
