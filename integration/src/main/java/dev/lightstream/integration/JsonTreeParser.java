package dev.lightstream.integration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses a JSON document into a {@link JsonValue} tree with Jackson's streaming parser.
 *
 * <p>Why a tree: members of the format may come in any order (a writer may put {@code DATA}
 * before {@code VALIDITY}, or {@code batches} before {@code dictionaries}), and a count must be
 * checked against the values actually present before anything is allocated for it. The tree
 * holds exactly what the input holds, so its size is bounded by the input.
 *
 * <p>Duplicate member names are rejected (the format has none), nesting is bounded, and any
 * syntax error or truncation becomes an {@link InvalidJsonException} naming where it happened.
 */
final class JsonTreeParser {
    /** Deeper than any Arrow schema needs (three JSON levels per nested field), shallow enough for the stack. */
    static final int MAX_NESTING_DEPTH = 512;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    // Variadic data buffers are single hex strings: allow large ones.
                    .maxStringLength(Integer.MAX_VALUE / 2)
                    .build())
            .build();

    private JsonTreeParser() {}

    /**
     * Parses one JSON document from {@code in}, which is left open.
     *
     * @throws InvalidJsonException if the input is not one well-formed JSON value
     * @throws IOException if reading fails
     */
    static JsonValue parse(InputStream in) throws IOException {
        JsonParser parser = FACTORY.createParser(in);
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidJsonException("$", "empty document");
            }
            JsonValue root = value(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new InvalidJsonException("$", "unexpected content after the document: " + trailing);
            }
            return root;
        } catch (JsonProcessingException e) {
            // Syntax errors, truncation (JsonEOFException) and exceeded constraints.
            throw new InvalidJsonException(pathOf(parser.getParsingContext()), e.getOriginalMessage(), e);
        }
    }

    private static JsonValue value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                JsonValue.Obj object = new JsonValue.Obj();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.members().put(name, value(parser, parser.nextToken()));
                }
                expect(parser, next, JsonToken.END_OBJECT);
                yield object;
            }
            case START_ARRAY -> {
                JsonValue.Arr array = new JsonValue.Arr();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
                    array.elements().add(value(parser, next));
                }
                expect(parser, next, JsonToken.END_ARRAY);
                yield array;
            }
            case VALUE_STRING -> new JsonValue.Str(parser.getText());
            case VALUE_NUMBER_INT -> new JsonValue.Num(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonValue.Num(parser.getText(), false);
            case VALUE_TRUE -> JsonValue.Bool.TRUE;
            case VALUE_FALSE -> JsonValue.Bool.FALSE;
            case VALUE_NULL -> JsonValue.Null.INSTANCE;
            default -> throw new InvalidJsonException(pathOf(parser.getParsingContext()), "unexpected token " + token);
        };
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws InvalidJsonException {
        if (actual != expected) {
            // Jackson reports truncation itself; this guards against a null token all the same.
            throw new InvalidJsonException(pathOf(parser.getParsingContext()),
                    "expected " + expected + " but the input " + (actual == null ? "ended" : "had " + actual));
        }
    }

    /** The parser's position as a path such as {@code $.batches[0].columns[2]}. */
    static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        return "$" + String.join("", parts);
    }
}
