"""Reads `jfr print --json --events jdk.ExecutionSample` on stdin; prints the share of samples per component.

Each sample counts for the component of its innermost (closest to the leaf) frame that matches one of COMPONENTS, so
JSON written by a REST handler on a Vert.x thread counts as JSON, not as HTTP.
"""
import json
import sys
from collections import Counter

COMPONENTS = [  # (component, class name prefixes)
    ("Argon2 (Java side, Bouncy Castle)", ("org.bouncycastle.",)),
    ("password hashing (service)", ("com.ecommerce.users.password.",)),
    ("JWT: signature and claims", ("org.jose4j.", "io.smallrye.jwt.", "sun.security.rsa.", "sun.security.ec.")),
    ("JSON (Jackson)", ("com.fasterxml.jackson.",)),
    ("PostgreSQL driver (pgjdbc)", ("org.postgresql.",)),
    ("connection pool (Agroal)", ("io.agroal.",)),
    ("transactions (Narayana)", ("com.arjuna.", "io.quarkus.narayana.")),
    ("Hibernate ORM / Panache", ("org.hibernate.", "io.quarkus.hibernate.")),
    ("account-status cache", ("com.github.benmanes.caffeine.", "com.ecommerce.users.accountcache.")),
    ("service code", ("com.ecommerce.users.",)),
    ("metrics and tracing", ("io.micrometer.", "io.opentelemetry.", "io.quarkus.micrometer.", "io.quarkus.opentelemetry.")),
    ("logging", ("org.jboss.logmanager.", "org.jboss.logging.", "io.quarkus.logging.")),
    ("security (Quarkus)", ("io.quarkus.security.", "io.quarkus.vertx.http.runtime.security.", "io.quarkus.smallrye.jwt.")),
    ("REST (Quarkus REST)", ("org.jboss.resteasy.", "io.quarkus.resteasy.")),
    ("CDI (ArC)", ("io.quarkus.arc.",)),
    ("HTTP (Vert.x, Netty)", ("io.vertx.", "io.netty.", "io.quarkus.vertx.")),
    ("JDK: crypto", ("sun.security.", "javax.crypto.", "com.sun.crypto.", "java.security.")),
    ("JDK: threads and queues", ("java.util.concurrent.", "jdk.internal.misc.", "java.lang.Thread", "java.lang.VirtualThread")),
]


def component(frames):
    for frame in frames:
        name = frame["method"]["type"]["name"].replace("/", ".")
        for label, prefixes in COMPONENTS:
            if name.startswith(prefixes):
                return label
    return "other (JDK, GC helpers, unrecognised)"


def main():
    events = json.load(sys.stdin)["recording"]["events"]
    counts = Counter(component(e["values"]["stackTrace"]["frames"]) for e in events
                     if e["values"].get("stackTrace"))
    total = sum(counts.values()) or 1
    print(f"Java CPU samples by component ({total} samples, innermost recognised frame):")
    for label, n in counts.most_common():
        print(f"  {100 * n / total:5.1f} %  {label}")


if __name__ == "__main__":
    main()
