package io.vigil.console.internal;

/**
 * The little JSON the console sends (the alerts refresh): strings through the support library's
 * Jackson writer, which also escapes '<' so a value never closes a script or starts markup.
 */
final class Json {

    private Json() {
    }

    static String string(String value) {
        return io.vigil.support.json.Json.string(value);
    }
}
