package com.ecommerce.users.user.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.platform.problem.InvalidRequestException;
import com.ecommerce.users.support.RandomInputs;

/**
 * The listing cursor comes from clients: any text is a position or the documented 400, and positions round-trip.
 * Thousands of generated inputs per property, from fixed seeds.
 */
class PageCursorPropertyTests {

    @Test
    void anyTextIsAPositionOrTheDocumentedError() {
        RandomInputs inputs = new RandomInputs(11);
        for (int i = 0; i < 5000; i++) {
            String text = inputs.text(64);
            assertDecodesOrRejects(text);
            // the same text dressed as a cursor, to get past the base64 layer
            assertDecodesOrRejects(cursorOf("id:" + text));
        }
    }

    @Test
    void everyIdRoundTrips() {
        RandomInputs inputs = new RandomInputs(12);
        for (int i = 0; i < 5000; i++) {
            int id = i < 3 ? new int[] { 1, 2, Integer.MAX_VALUE }[i] : inputs.between(1, Integer.MAX_VALUE - 1);
            assertThat(PageCursor.decode(PageCursor.encode(id))).isEqualTo(id);
        }
    }

    @Test
    void numbersOutsideTheIdRangeAreRejected() {
        RandomInputs inputs = new RandomInputs(13);
        for (int i = 0; i < 5000; i++) {
            long number = inputs.anyLong();
            String cursor = cursorOf("id:" + number);
            if (number >= 1 && number <= Integer.MAX_VALUE) {
                assertThat(PageCursor.decode(cursor)).isEqualTo((int) number);
            } else {
                assertThatCode(() -> PageCursor.decode(cursor)).as(cursor).isInstanceOf(InvalidRequestException.class);
            }
            // beyond what a long holds, as long as a cursor may be
            String huge = cursorOf("id:" + inputs.digits(inputs.between(11, 21)));
            assertThatCode(() -> PageCursor.decode(huge)).as(huge).isInstanceOf(InvalidRequestException.class);
        }
    }

    private static String cursorOf(String content) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertDecodesOrRejects(String text) {
        assertThatCode(() -> {
            try {
                int id = PageCursor.decode(text);
                assertThat(id).isPositive();
                assertThat(PageCursor.encode(id)).isEqualTo(text); // one cursor per position
            } catch (InvalidRequestException expected) {
                // the documented answer: 400 problem+json
            }
        }).as(text).doesNotThrowAnyException();
    }
}
