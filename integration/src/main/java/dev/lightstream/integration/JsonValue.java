package dev.lightstream.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A parsed JSON value: the small document tree the reader decodes from.
 *
 * <p>Numbers keep their text, so that a float is rounded once, from the text as written, and a
 * 64-bit integer never passes through a double. Objects keep their member order. The containers
 * are mutable only so that tests can build and alter documents; the reader never changes them.
 */
sealed interface JsonValue {

    /** The JSON type name, for error messages. */
    String kind();

    record Obj(LinkedHashMap<String, JsonValue> members) implements JsonValue {
        Obj() {
            this(new LinkedHashMap<>());
        }

        @Override
        public String kind() {
            return "object";
        }
    }

    record Arr(ArrayList<JsonValue> elements) implements JsonValue {
        Arr() {
            this(new ArrayList<>());
        }

        int size() {
            return elements.size();
        }

        JsonValue get(int i) {
            return elements.get(i);
        }

        @Override
        public String kind() {
            return "array";
        }
    }

    record Str(String value) implements JsonValue {
        @Override
        public String kind() {
            return "string";
        }
    }

    /** A number as written; {@code integral} when it has no fraction and no exponent. */
    record Num(String text, boolean integral) implements JsonValue {
        @Override
        public String kind() {
            return "number";
        }
    }

    record Bool(boolean value) implements JsonValue {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);

        @Override
        public String kind() {
            return "boolean";
        }
    }

    record Null() implements JsonValue {
        static final Null INSTANCE = new Null();

        @Override
        public String kind() {
            return "null";
        }
    }
}
