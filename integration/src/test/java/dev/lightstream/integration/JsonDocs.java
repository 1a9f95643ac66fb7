package dev.lightstream.integration;

import dev.lightstream.memory.BufferAllocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Test helpers to load, navigate and alter JSON documents before decoding them. */
final class JsonDocs {
    private JsonDocs() {}

    static JsonValue parse(Path gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            return JsonTreeParser.parse(in);
        }
    }

    static JsonValue parse(String json) throws IOException {
        return JsonTreeParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static IntegrationJsonFile read(String json, BufferAllocator allocator) throws IOException {
        return IntegrationJsonReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), allocator);
    }

    /** The value at a path of member names (String) and array indices (Integer). */
    static JsonValue at(JsonValue root, Object... path) {
        JsonValue v = root;
        for (Object step : path) {
            v = step instanceof Integer i ? ((JsonValue.Arr) v).get(i) : ((JsonValue.Obj) v).members().get((String) step);
            if (v == null) {
                throw new IllegalArgumentException("no " + step + " in path");
            }
        }
        return v;
    }

    static JsonValue.Arr array(JsonValue root, Object... path) {
        return (JsonValue.Arr) at(root, path);
    }

    static JsonValue.Obj object(JsonValue root, Object... path) {
        return (JsonValue.Obj) at(root, path);
    }

    static JsonValue str(String s) {
        return new JsonValue.Str(s);
    }

    static JsonValue num(long n) {
        return new JsonValue.Num(Long.toString(n), true);
    }
}
