package com.ecommerce.users.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown page (README.md, docs/*.md), each with the heading it stands under, so that a
 * test can run or check an example exactly as a reader copies it.
 */
public final class MarkdownBlocks {

    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");

    /** A fenced block: its page, the line its fence opens on (from 1), its language, its section heading, its text. */
    public record Block(Path page, int line, String language, String section, String text) {

        @Override
        public String toString() {
            return page + ":" + line + " (```" + language + " under \"" + section + "\")";
        }
    }

    private MarkdownBlocks() {
    }

    /** Every fenced block of {@code page}, in order. */
    public static List<Block> of(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher heading = HEADING.matcher(lines.get(i));
            Matcher fence = FENCE.matcher(lines.get(i));
            if (heading.matches()) {
                section = heading.group(1).trim();
            } else if (fence.matches()) {
                int open = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                blocks.add(new Block(page, open + 1, fence.group(1), section, text.toString()));
            }
        }
        return blocks;
    }

    /** The blocks of {@code page} in language {@code language} under the heading {@code section}, in order. */
    public static List<Block> of(Path page, String section, String language) {
        List<Block> blocks = of(page).stream()
                .filter(block -> block.section().equals(section) && block.language().equals(language)).toList();
        if (blocks.isEmpty()) {
            throw new AssertionError(page + " has no ```" + language + " block under \"" + section + "\"");
        }
        return blocks;
    }
}
