package com.ecommerce.users.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the doc example tests share: filling in the values a reader would paste. */
final class DocExamples {

    private DocExamples() {
    }

    /**
     * {@code block} with the assignment of each variable (a line {@code NAME=...} of its own, which the reader edits:
     * where the service is, a token from a mail) replaced by the given value; fails if the block has no such line.
     */
    static String assigning(String block, String... variablesAndValues) {
        String result = "\n" + block;
        for (int i = 0; i < variablesAndValues.length; i += 2) {
            Matcher assignment = Pattern.compile("(?m)^" + variablesAndValues[i] + "=.*$").matcher(result);
            assertThat(assignment.find()).as("the example sets " + variablesAndValues[i] + " on a line of its own:\n" + block)
                    .isTrue();
            result = assignment.replaceFirst(Matcher.quoteReplacement(variablesAndValues[i] + "=" + quoted(variablesAndValues[i + 1])));
        }
        assertThat(result).as("every command goes through $BASE").doesNotContain("localhost:8080");
        return result;
    }

    /** A single-quoted shell word. */
    static String quoted(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
