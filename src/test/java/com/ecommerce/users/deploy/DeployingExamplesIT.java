package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.MarkdownBlocks;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The operator's commands of docs/deploying.md and docs/security.md, checked against what they act on, since they need
 * a cluster or a registry to run: every Secret they create is one the pod reads, with keys the service reads; every
 * {@code helm upgrade --install} renders, with the image it promises; every file, Dockerfile and Deployment they name
 * exists. A command of a kind this test does not know fails it: a new example needs a check here. (The {@code openssl}
 * lines run for real in {@code jwt.DocumentedKeysTests}.)
 */
class DeployingExamplesIT {

    private static final List<Path> PAGES = List.of(Path.of("docs", "deploying.md"), Path.of("docs", "security.md"));
    private static final Path GENERATED = Path.of("target", "kubernetes", "kubernetes.yml");
    /** What a reader puts in for the placeholders. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("<registry>", "registry.example.com",
            "<version>", "1.0.0", "<account>", "123456789012", "<region>", "eu-west-1");
    /** Commands that need a registry or an AWS account: the image names they use are checked with the build's. */
    private static final Set<String> NOT_RUN = Set.of("docker push", "docker login", "aws ecr");
    /** The EKS values: the issuer the gateway examples must name. */
    private static final Path EKS_VALUES = Path.of("k8s", "helm", "values-eks.yaml");

    @Test
    void everyDocumentedCommandActsOnWhatExists() throws IOException {
        List<String> commands = commands();
        assertThat(commands).as("the pages' commands").hasSizeGreaterThan(10);
        Deployment generated = Manifests.one(Manifests.load(GENERATED), Deployment.class);
        Deployment charted = Manifests.one(HelmChartIT.render(t -> t), Deployment.class);
        for (String command : commands) {
            // VARIABLE=$(command ...): the command
            List<String> words = words(command.replaceFirst("^[A-Z_]+=\\$\\((.*)\\)$", "$1"));
            String kind = words.get(0) + (words.size() > 1 ? " " + words.get(1) : "");
            switch (kind) {
                case "kubectl create" -> secret(words, command, generated, charted);
                case "kubectl apply" -> assertThat(Path.of(words.get(words.indexOf("-f") + 1))).as(command).isRegularFile();
                case "kubectl rollout" -> assertThat(words.get(3)).as(command)
                        .isEqualTo("deployment/" + generated.getMetadata().getName());
                case "helm upgrade" -> helm(words, command);
                case "docker build" -> {
                    assertThat(Path.of(words.get(words.indexOf("-f") + 1))).as(command).isRegularFile();
                    String version = image(generated).substring(image(generated).lastIndexOf(':') + 1);
                    assertThat(words.get(words.indexOf("-t") + 1)).as("the image the manifests or the chart deploy: " + command)
                            .matches(".+/ecommerce/user-service:(1\\.0\\.0|" + Pattern.quote(version) + ")");
                }
                case "aws apigatewayv2" -> gatewayAuthorizer(words, command);
                case "./mvnw package" -> assertThat(image(generated)).as("the image that " + command + " names")
                        .matches(".*/ecommerce/user-service:[0-9][^:]*");
                default -> assertThat(words.get(0).equals("openssl") || words.get(0).equals("rm") || NOT_RUN.contains(kind))
                        .as("a command this test knows how to check: " + command).isTrue();
            }
        }
    }

    /** {@code kubectl create secret generic NAME --from-literal=KEY=... --from-file=FILE}. */
    private static void secret(List<String> words, String command, Deployment generated, Deployment charted) throws IOException {
        assertThat(words.subList(0, 4)).as(command).containsExactly("kubectl", "create", "secret", "generic");
        String name = words.get(4);
        assertThat(secretsRead(generated)).as("the generated pod reads the Secret of: " + command).contains(name);
        assertThat(secretsRead(charted)).as("the chart's pod reads the Secret of: " + command).contains(name);
        Set<String> variables = variablesRead();
        for (String word : words.subList(5, words.size())) {
            if (word.startsWith("--from-literal=")) {
                String key = word.substring("--from-literal=".length(), word.indexOf('=', "--from-literal=".length()));
                assertThat(variables).as("a variable the service reads, set by: " + command).contains(key);
            } else if (word.startsWith("--from-file=")) {
                String file = word.substring("--from-file=".length());
                assertThat(PodChecks.literalEnv(app(generated)).values()).as("the pod reads the file of: " + command)
                        .anyMatch(value -> value.endsWith("/" + file));
            }
        }
    }

    /** {@code helm upgrade --install RELEASE CHART [-f VALUES] [--set KEY=VALUE]...}, rendered with helm template. */
    private static void helm(List<String> words, String command) throws IOException {
        assertThat(words.subList(0, 3)).as(command).containsExactly("helm", "upgrade", "--install");
        Path chart = Path.of(words.get(4));
        TemplateCommand template = new Helm(chart).template().withName(words.get(3)).withKubeVersion("1.30.0");
        String tag = null;
        for (int i = 5; i < words.size(); i += 2) {
            switch (words.get(i)) {
                case "-f" -> template = template.withValuesFile(Path.of(words.get(i + 1)));
                case "--set" -> {
                    String[] setting = words.get(i + 1).split("=", 2);
                    template = template.set(setting[0], setting[1]);
                    tag = setting[0].equals("image.tag") ? setting[1] : tag;
                }
                default -> throw new AssertionError("an option this test does not know: " + words.get(i) + " in " + command);
            }
        }
        Deployment deployment = Manifests.one(Manifests.parse(template.call(), command), Deployment.class);
        assertThat(image(deployment)).as("the image " + command + " deploys").endsWith("/ecommerce/user-service:" + tag);
    }

    /**
     * API Gateway's JWT authorizer ({@code aws apigatewayv2 create-authorizer ... --jwt-configuration Issuer=,Audience=})
     * names the EKS deployment's issuer and the tokens' audience; its other calls ({@code update-route}) need an account.
     */
    private static void gatewayAuthorizer(List<String> words, String command) throws IOException {
        if (!words.get(2).equals("create-authorizer")) {
            return;
        }
        String configuration = words.get(words.indexOf("--jwt-configuration") + 1);
        assertThat(configuration).as(command).isEqualTo("Issuer=" + eksIssuer() + ",Audience=" + audience());
        assertThat(words.get(words.indexOf("--authorizer-type") + 1)).as(command).isEqualTo("JWT");
    }

    @Test
    void theMeshExampleTrustsTheIssuerAndTheKeysTheServicePublishes() throws IOException {
        List<MarkdownBlocks.Block> yaml = MarkdownBlocks.of(Path.of("docs", "deploying.md"), "Gateways and meshes verifying the tokens",
                "yaml");
        assertThat(yaml).hasSize(1);
        List<Map<String, Object>> documents = new ArrayList<>();
        new org.yaml.snakeyaml.Yaml().loadAll(yaml.getFirst().text()).forEach(document -> documents.add(map(document)));
        Map<String, Object> authentication = documents.stream().filter(d -> "RequestAuthentication".equals(d.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> rule = map(((List<?>) map(authentication.get("spec")).get("jwtRules")).getFirst());
        assertThat(rule.get("issuer")).isEqualTo(eksIssuer());
        assertThat((String) rule.get("jwksUri")).as("the key set's path, on the in-cluster Service")
                .endsWith("/.well-known/jwks.json");
        assertThat(rule.get("audiences")).isEqualTo(List.of(audience()));
        String principals = "requestPrincipals=[" + eksIssuer() + "/*]";
        assertThat(documents.stream().filter(d -> "AuthorizationPolicy".equals(d.get("kind"))).map(d -> d.toString()).findFirst())
                .as("the policy admits the tokens of that issuer").hasValueSatisfying(policy -> assertThat(policy).contains(principals));
    }

    private static String eksIssuer() throws IOException {
        Map<String, Object> values = map(new org.yaml.snakeyaml.Yaml().load(Files.readString(EKS_VALUES)));
        return (String) map(values.get("jwt")).get("issuer");
    }

    private static String audience() throws IOException {
        return PodChecks.productionProperty("users.jwt.audience");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    private static Set<String> secretsRead(Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Set<String> names = new TreeSet<>(PodChecks.secretRefs(app(deployment)));
        pod.getVolumes().stream().filter(volume -> volume.getSecret() != null)
                .forEach(volume -> names.add(volume.getSecret().getSecretName()));
        app(deployment).getEnv().stream().filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .forEach(env -> names.add(env.getValueFrom().getSecretKeyRef().getName()));
        return names;
    }

    /**
     * The environment variables the service reads: those docs/configuration.md lists, every property it lists in its
     * environment form, and the {@code ${VARIABLE}} references of application.properties.
     */
    private static Set<String> variablesRead() throws IOException {
        Set<String> variables = new TreeSet<>();
        Matcher code = Pattern.compile("`([A-Za-z][A-Za-z0-9_.-]*)`").matcher(Files.readString(Path.of("docs", "configuration.md")));
        while (code.find()) {
            variables.add(code.group(1).toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"));
        }
        Matcher reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)")
                .matcher(Files.readString(Path.of("src", "main", "resources", "application.properties")));
        while (reference.find()) {
            variables.add(reference.group(1));
        }
        return variables;
    }

    private static Container app(Deployment deployment) {
        return PodChecks.container(deployment.getSpec().getTemplate().getSpec(), "user-service");
    }

    private static String image(Deployment deployment) {
        return app(deployment).getImage();
    }

    /** The commands of the pages' shell blocks: continuations joined, comments dropped, {@code &&} lists split. */
    static List<String> commands() {
        List<String> commands = new ArrayList<>();
        PAGES.stream().flatMap(page -> MarkdownBlocks.of(page).stream())
                .filter(block -> block.language().equals("bash") || block.language().equals("shell"))
                .forEach(block -> {
                    String text = block.text().replaceAll("\\\\\\n", " ");
                    for (String placeholder : PLACEHOLDERS.keySet()) {
                        text = text.replace(placeholder, PLACEHOLDERS.get(placeholder));
                    }
                    text.lines().map(line -> line.replaceAll("(^|\\s+)#\\s.*$", "").strip())
                            .filter(line -> !line.isEmpty())
                            .flatMap(line -> Stream.of(line.split("\\s*&&\\s*"))).forEach(commands::add);
                });
        return commands;
    }

    /** A command's words, as the shell splits them (quotes removed; what is quoted stays one word). */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("(?:[^\\s'\"]+|'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\")+").matcher(command);
        while (word.find()) {
            words.add(word.group().replaceAll("'([^']*)'", "$1").replaceAll("\"((?:[^\"\\\\]|\\\\.)*)\"", "$1"));
        }
        return words;
    }
}
