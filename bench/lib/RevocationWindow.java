import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a token stays usable on replica B after it was revoked on replica A: each round logs in on A, reads
 * GET /users/me on B with the access token until it has answered 200 a few times (B has looked the account up, and
 * would have cached it), revokes on A (logout with the refresh token, or a password change), takes the time A's answer
 * arrived, and polls B's GET /users/me in a tight loop until 401. The window is the start of the request that got B's
 * first 401 minus the arrival of A's answer, clamped at 0. JDK only (java.net.http), for bench/run:
 *
 *   java bench/lib/RevocationWindow.java logout|password URL_A URL_B ROUNDS PASSWORD EMAIL...
 *
 * Accounts are used in turn with the right password only (the login throttle counts wrong ones); a password change
 * alternates each account between PASSWORD and PASSWORD + " changed". Prints one line:
 * "revocation MODE n N p50 MS p99 MS max MS timeouts T errors E" (a round that got no 401 within 5 s is a timeout,
 * counted at 5 s; a round that failed before its revocation is an error and left out).
 */
public class RevocationWindow {

    static final Duration POLL_LIMIT = Duration.ofSeconds(5);
    static final int READS_BEFORE = 3;
    static final Pattern ACCESS = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern REFRESH = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || !(args[0].equals("logout") || args[0].equals("password"))) {
            System.err.println("usage: RevocationWindow logout|password URL_A URL_B ROUNDS PASSWORD EMAIL...");
            System.exit(2);
        }
        new RevocationWindow().run(args[0], URI.create(args[1]), URI.create(args[2]), Integer.parseInt(args[3]), args[4],
                Arrays.asList(args).subList(5, args.length));
    }

    void run(String mode, URI a, URI b, int rounds, String password, List<String> emails) throws Exception {
        Map<String, String> passwords = new HashMap<>();
        emails.forEach(email -> passwords.put(email, password));
        List<Double> windows = new ArrayList<>();
        int timeouts = 0;
        int errors = 0;
        for (int round = 0; round < rounds; round++) {
            String email = emails.get(round % emails.size());
            String current = passwords.get(email);
            HttpResponse<String> login = send(post(a, "/auth/login", null,
                    "{\"email\":" + json(email) + ",\"password\":" + json(current) + "}"));
            if (login.statusCode() != 200) {
                System.err.printf("round %d: login on A answered %d%n", round, login.statusCode());
                errors++;
                continue;
            }
            String access = group(ACCESS, login.body());
            String refresh = group(REFRESH, login.body());
            int ok = 0;
            for (int i = 0; i < 100 && ok < READS_BEFORE; i++) {
                ok = me(b, access) == 200 ? ok + 1 : 0;
            }
            if (ok < READS_BEFORE) {
                System.err.printf("round %d: B did not answer 200 with a fresh token%n", round);
                errors++;
                continue;
            }
            HttpResponse<String> revoked;
            String next = current.equals(password) ? password + " changed" : password;
            if (mode.equals("logout")) {
                revoked = send(post(a, "/auth/logout", null, "{\"refresh_token\":" + json(refresh) + "}"));
            } else {
                revoked = send(HttpRequest.newBuilder(a.resolve("/users/me/password")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + access)
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"currentPassword\":" + json(current) + ",\"newPassword\":" + json(next) + "}"))
                        .build());
            }
            long arrived = System.nanoTime();
            if (revoked.statusCode() != 204) {
                System.err.printf("round %d: %s on A answered %d%n", round, mode, revoked.statusCode());
                errors++;
                continue;
            }
            if (mode.equals("password")) {
                passwords.put(email, next);
            }
            double window;
            while (true) {
                long start = System.nanoTime();
                if (me(b, access) == 401) {
                    window = Math.max(0, start - arrived) / 1e6;
                    break;
                }
                if (start - arrived > POLL_LIMIT.toNanos()) {
                    window = POLL_LIMIT.toMillis();
                    timeouts++;
                    break;
                }
            }
            windows.add(window);
        }
        double[] sorted = windows.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("revocation %s n %d p50 %.3f p99 %.3f max %.3f timeouts %d errors %d%n", mode, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                timeouts, errors);
    }

    int me(URI base, String access) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/users/me")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + access).GET().build()).statusCode();
    }

    static HttpRequest post(URI base, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Nearest rank: the smallest value with at least p of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in the login answer");
        }
        return m.group(1);
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
