package com.ecommerce.users.mfa.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The bodies of the second factor's own operations. */
final class MfaRequests {

    private MfaRequests() {
    }

    @RegisterForReflection
    @Schema(name = "MfaEnrol")
    record Enrol(@NotNull @Size(max = 1024) @Schema(writeOnly = true) String currentPassword) {
    }

    @RegisterForReflection
    @Schema(name = "MfaConfirm")
    record Confirm(@NotNull @Size(max = 16) @Schema(examples = "123456", writeOnly = true) String code) {
    }

    /** Turning the factor off and renewing the recovery codes: the password and a code (or a recovery code). */
    @RegisterForReflection
    @Schema(name = "MfaStepUp")
    record StepUp(@NotNull @Size(max = 1024) @Schema(writeOnly = true) String currentPassword,
            @Size(max = 16) @Schema(examples = "123456", writeOnly = true) String code,
            @Size(max = 64) @Schema(description = "Instead of code", writeOnly = true) String recoveryCode) {
    }

    @RegisterForReflection
    @Schema(name = "TotpEnrolment")
    record Enrolment(
            @Schema(description = "Base32, for typing into an authenticator app") String secret,
            @Schema(examples = "otpauth://totp/user-service:ada%40example.com?secret=...&issuer=user-service") String otpauthUri,
            @Schema(description = "The otpauth URI as a QR code: data:image/svg+xml;base64,...") String qrCode) {
        @Override
        public String toString() {
            return "Enrolment[]";
        }
    }

    @RegisterForReflection
    @Schema(name = "RecoveryCodes")
    record RecoveryCodes(@Schema(description = "Ten single-use codes, shown once") java.util.List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodes[]";
        }
    }
}
