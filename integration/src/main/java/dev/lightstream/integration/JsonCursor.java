package dev.lightstream.integration;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link JsonValue} with the path that leads to it, and typed accessors that raise an
 * {@link InvalidJsonException} naming that path when the document does not have the expected
 * shape. The path string is built only when an error is raised.
 */
final class JsonCursor {
    private final JsonCursor parent;
    private final String name;
    private final int index;
    private final JsonValue value;

    private JsonCursor(JsonCursor parent, String name, int index, JsonValue value) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.value = value;
    }

    static JsonCursor root(JsonValue value) {
        return new JsonCursor(null, null, -1, value);
    }

    JsonValue value() {
        return value;
    }

    /** The path of this value, such as {@code $.batches[0].columns[2]}. */
    String path() {
        if (parent == null) {
            return "$";
        }
        return parent.path() + (name != null ? "." + name : "[" + index + "]");
    }

    InvalidJsonException error(String message) {
        return new InvalidJsonException(path(), message);
    }

    /** An error about element {@code i} of this array. */
    InvalidJsonException errorAt(int i, String message) {
        if (index == -2 && name == null) {
            return parent.error(message); // a singleton view of the parent's value
        }
        return new InvalidJsonException(path() + "[" + i + "]", message);
    }

    /** An error about member {@code member} of this object. */
    InvalidJsonException errorAt(String member, String message) {
        return new InvalidJsonException(path() + "." + member, message);
    }

    private InvalidJsonException wrongKind(String expected) {
        return error("expected " + expected + " but found " + describe(value));
    }

    /** A short description of a value for messages: its kind, and its text when it is a scalar. */
    static String describe(JsonValue value) {
        return switch (value) {
            case JsonValue.Str s -> "string \"" + abbreviate(s.value()) + "\"";
            case JsonValue.Num n -> "number " + abbreviate(n.text());
            case JsonValue.Bool b -> "boolean " + b.value();
            default -> value.kind();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    JsonValue.Obj object() throws InvalidJsonException {
        if (value instanceof JsonValue.Obj o) {
            return o;
        }
        throw wrongKind("an object");
    }

    boolean has(String member) throws InvalidJsonException {
        return object().members().containsKey(member);
    }

    /** The required member {@code member} of this object. */
    JsonCursor member(String member) throws InvalidJsonException {
        JsonValue v = object().members().get(member);
        if (v == null) {
            throw error("missing member \"" + member + "\"");
        }
        return new JsonCursor(this, member, -1, v);
    }

    /** The member {@code member} of this object, or null when it is absent or JSON null. */
    JsonCursor optional(String member) throws InvalidJsonException {
        JsonValue v = object().members().get(member);
        return v == null || v instanceof JsonValue.Null ? null : new JsonCursor(this, member, -1, v);
    }

    JsonValue.Arr array() throws InvalidJsonException {
        if (value instanceof JsonValue.Arr a) {
            return a;
        }
        throw wrongKind("an array");
    }

    /** This array, which must hold exactly {@code expected} elements. */
    JsonValue.Arr array(long expected, String what) throws InvalidJsonException {
        JsonValue.Arr a = array();
        if (a.size() != expected) {
            throw error(what + " has " + a.size() + " entries but " + expected + " were expected");
        }
        return a;
    }

    JsonCursor element(int i) throws InvalidJsonException {
        return new JsonCursor(this, null, i, array().get(i));
    }

    List<JsonCursor> elements() throws InvalidJsonException {
        JsonValue.Arr a = array();
        List<JsonCursor> list = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            list.add(new JsonCursor(this, null, i, a.get(i)));
        }
        return list;
    }

    String string() throws InvalidJsonException {
        if (value instanceof JsonValue.Str s) {
            return s.value();
        }
        throw wrongKind("a string");
    }

    boolean bool() throws InvalidJsonException {
        if (value instanceof JsonValue.Bool b) {
            return b.value();
        }
        throw wrongKind("a boolean");
    }

    /** An integral JSON number (not a string) in {@code [min, max]}. */
    long integer(long min, long max) throws InvalidJsonException {
        if (!(value instanceof JsonValue.Num n) || !n.integral()) {
            throw wrongKind("an integer");
        }
        long v;
        try {
            v = Long.parseLong(n.text());
        } catch (NumberFormatException e) {
            throw error("integer " + describe(value) + " is out of range");
        }
        if (v < min || v > max) {
            throw error("integer " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    int intValue() throws InvalidJsonException {
        return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    int nonNegativeInt() throws InvalidJsonException {
        return (int) integer(0, Integer.MAX_VALUE);
    }

    /**
     * This value seen as element 0 of an array whose errors name this value's own path: lets the
     * element decoders of {@link JsonScalars} decode single members too.
     */
    JsonCursor asSingleton() {
        JsonValue.Arr single = new JsonValue.Arr();
        single.elements().add(value);
        return new JsonCursor(this, null, -2, single);
    }
}
