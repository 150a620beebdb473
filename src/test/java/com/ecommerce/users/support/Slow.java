package com.ecommerce.users.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class that costs tens of seconds or more: it restarts the packaged application, injects faults and waits
 * them out, floods the service, or renders the deployment manifests. {@code ./mvnw verify -Pfast} leaves these out
 * (surefire's and failsafe's excludedGroups=slow); {@code ./mvnw verify} runs everything. Inherited, so that an *IT
 * running a *Tests class against the packaged application is slow too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(Slow.TAG)
public @interface Slow {

    String TAG = "slow";
}
