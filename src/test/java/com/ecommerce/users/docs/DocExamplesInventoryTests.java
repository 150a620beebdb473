package com.ecommerce.users.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.support.MarkdownBlocks.Block;

/**
 * Every code block of the README and docs/ is run or checked by a test: each page section that holds blocks is listed
 * here with the test that reads them. A block in a section not listed fails this test, so a new example comes with
 * its test.
 */
class DocExamplesInventoryTests {

    /** Page, section heading and the block's language → the tests that run or check those blocks. */
    private static final Map<String, List<String>> CLAIMS = Map.ofEntries(
            Map.entry("README.md|Tour|shell", List.of("docs.ReadmeTourTests")),
            Map.entry("README.md|Email verification and password recovery|shell", List.of("docs.ReadmeTourTests")),
            Map.entry("docs/api.md|user-service: API|json", List.of("user.LastAdminTests", "jwt.DiscoveryTests")),
            Map.entry("docs/api.md|Examples|shell", List.of("docs.ApiExamplesTests")),
            Map.entry("docs/api.md|Second factor example|shell", List.of("docs.SecondFactorExamplesTests")),
            Map.entry("docs/deploying.md|user-service: deploying|bash",
                    List.of("deploy.DeployingExamplesIT", "jwt.DocumentedKeysTests")),
            Map.entry("docs/deploying.md|With kubectl: the generated manifests|bash", List.of("deploy.DeployingExamplesIT")),
            Map.entry("docs/deploying.md|With Helm (and on EKS)|bash", List.of("deploy.DeployingExamplesIT")),
            Map.entry("docs/deploying.md|Gateways and meshes verifying the tokens|bash", List.of("deploy.DeployingExamplesIT")),
            Map.entry("docs/deploying.md|Gateways and meshes verifying the tokens|yaml", List.of("deploy.DeployingExamplesIT")),
            Map.entry("docs/security.md|Keys|bash", List.of("jwt.DocumentedKeysTests", "deploy.DeployingExamplesIT")),
            Map.entry("docs/security.md|The first admin|shell", List.of("deploy.DeployingExamplesIT")),
            Map.entry("docs/migrating-from-fastapi.md|Adopting a seed database|sql", List.of("migration.AdoptionChecksTests")));

    @Test
    void everyCodeBlockIsClaimedByATestThatExists() throws IOException {
        List<Path> pages;
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            pages = Stream.concat(Stream.of(Path.of("README.md")), docs.filter(page -> page.toString().endsWith(".md")).sorted())
                    .toList();
        }
        List<Block> blocks = pages.stream().flatMap(page -> MarkdownBlocks.of(page).stream()).toList();
        assertThat(blocks).as("the docs' code blocks").hasSizeGreaterThan(20);
        for (Block block : blocks) {
            String key = block.page().toString().replace('\\', '/') + "|" + block.section() + "|" + block.language();
            assertThat(CLAIMS).as("a test that runs or checks " + block + " (list it here)").containsKey(key);
        }
        for (Map.Entry<String, List<String>> claim : CLAIMS.entrySet()) {
            assertThat(blocks).as("a block for the claim " + claim.getKey())
                    .anyMatch(block -> claim.getKey().equals(block.page().toString() + "|" + block.section() + "|" + block.language()));
            for (String test : claim.getValue()) {
                Path source = Path.of("src", "test", "java", "com", "ecommerce", "users", test.replace('.', '/') + ".java");
                assertThat(source).as("the test claiming " + claim.getKey()).isRegularFile();
                assertThat(Files.readString(source)).as(test + " reads its page")
                        .contains(Path.of(claim.getKey().split("\\|")[0]).getFileName().toString());
            }
        }
    }
}
