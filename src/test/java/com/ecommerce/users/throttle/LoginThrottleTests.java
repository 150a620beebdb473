package com.ecommerce.users.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

class LoginThrottleTests {

    private final LoginThrottle throttle = new LoginThrottle(null, new SmallRyeConfigBuilder()
            .withMapping(ThrottleConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .build().getConfigMapping(ThrottleConfig.class));

    @Test
    void locksDoubleFromTheThresholdAndNeverExceedTheMaximum() {
        assertThat(throttle.lockFor(1, 5)).isZero();
        assertThat(throttle.lockFor(4, 5)).isZero();
        assertThat(throttle.lockFor(5, 5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.lockFor(6, 5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.lockFor(9, 5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.lockFor(14, 5)).isEqualTo(Duration.ofSeconds(900)); // 2 s x 512 is past the 15 min cap
        assertThat(throttle.lockFor(Integer.MAX_VALUE, 5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockFor(49, 50)).as("the account-wide threshold").isZero();
        assertThat(throttle.lockFor(50, 50)).isEqualTo(Duration.ofSeconds(2));
    }
}
