package dirt.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads JSON text into {@link Json} values with jackson-core's streaming parser, with the reading limits Jackson's
 * trees have always had here ({@link StreamReadConstraints#defaults()}: 1000 levels of nesting, numbers of 1000 digits,
 * strings of {@link #MAX_STRING_LENGTH}); {@link #readLarge} reads strings of up to {@link #MAX_LARGE_STRING_LENGTH}.
 */
final class JsonReader {
    private static final Pattern LIMIT_SOURCE = Pattern.compile(", from `?StreamReadConstraints\\.\\w+\\(\\)`?");
    /** Where Jackson says a marker started: "[Source: REDACTED (…); line: 1, column: 1]". */
    private static final Pattern MARKER_SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");
    /** The most decimals a number may have (a 64-bit float's smallest is about 4.9e-324). */
    static final int MAX_SCALE = 400;
    /** The longest string {@link #read} takes, in characters: Jackson's default, 20 MB. */
    static final int MAX_STRING_LENGTH = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;
    /**
     * The longest string {@link #readLarge} takes, in characters: 128 Mi, above the base64 text of the 64 MiB of
     * attachments a reply line of the agent may carry (about 86 MiB; agent-bootstrap/PROTOCOL.md).
     */
    static final int MAX_LARGE_STRING_LENGTH = 128 * 1024 * 1024;
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.defaults()).build();
    private static final JsonFactory LARGE = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LARGE_STRING_LENGTH).build())
            .build();

    private JsonReader() {
    }

    static Json read(String text) {
        return read(() -> FACTORY.createParser(text));
    }

    /** {@link #read(String)} with strings of up to {@link #MAX_LARGE_STRING_LENGTH}. */
    static Json readLarge(String text) {
        return read(() -> LARGE.createParser(text));
    }

    static Json read(byte[] utf8) {
        return read(() -> FACTORY.createParser(utf8));
    }

    /** A parser over text in memory. */
    private interface Source {
        JsonParser open() throws IOException;
    }

    private static Json read(Source source) {
        try (JsonParser parser = source.open()) {
            try {
                return root(parser);
            } catch (JsonProcessingException e) {
                throw invalid(e, parser);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory failed", e);
        }
    }

    private static Json root(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw invalid(parser, "there is no JSON value: the text is empty", null);
        }
        Json value = value(parser, token);
        if (parser.nextToken() != null) {
            throw invalid(parser, "there is more after the JSON value", null);
        }
        return value;
    }

    /** The value that starts at {@code token}, read to its end. */
    static Json value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return new JsonString(parser.getText());
            case VALUE_NUMBER_INT:
                return new JsonNumber(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue()) : BigDecimal.valueOf(parser.getLongValue()));
            case VALUE_NUMBER_FLOAT:
                return new JsonNumber(decimal(inRange(parser, parser.getDecimalValue())));
            case VALUE_TRUE:
                return JsonBoolean.TRUE;
            case VALUE_FALSE:
                return JsonBoolean.FALSE;
            case VALUE_NULL:
                return JsonNull.NULL;
            default:
                throw invalid(parser, "unexpected " + token, null);
        }
    }

    /**
     * A number a 64-bit float can hold, to within {@link #MAX_SCALE} decimals: CouchDB (and JavaScript) cannot store
     * others, and arithmetic on {@code 1e-999999999}, a short text, would take minutes.
     */
    private static BigDecimal inRange(JsonParser parser, BigDecimal value) throws IOException {
        if (value.scale() > MAX_SCALE || Double.isInfinite(value.doubleValue())) {
            throw invalid(parser, "number out of range: " + parser.getText()
                    + " (a number must fit a 64-bit float, with at most " + MAX_SCALE + " decimals)", null);
        }
        return value;
    }

    /** A number written with a fraction or an exponent keeps one ({@code 1.2345678E7} is not the integer 12345678). */
    static BigDecimal decimal(BigDecimal value) {
        return value.scale() == 0 ? value.setScale(1) : value;
    }

    private static JsonObject object(JsonParser parser) throws IOException {
        LinkedHashMap<String, Json> fields = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            fields.put(name, value(parser, parser.nextToken()));
        }
        return JsonObject.owning(fields);
    }

    private static JsonArray array(JsonParser parser) throws IOException {
        List<Json> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            values.add(value(parser, token));
        }
        return new JsonArray(values);
    }

    private static InvalidJsonException invalid(JsonProcessingException e, JsonParser parser) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        // a limit's message names where Jackson keeps it: "... exceeds the maximum allowed (1000, from
        // StreamReadConstraints.getMaxNestingDepth())" says "... exceeds the maximum allowed (1000)"; an unclosed
        // object's "(start marker at [Source: REDACTED (…); line: 1, column: 1])" says "(start marker at line 1,
        // column 1)"
        String problem = MARKER_SOURCE.matcher(LIMIT_SOURCE.matcher(e.getOriginalMessage()).replaceAll(""))
                .replaceAll("line $1, column $2");
        return invalid(at, problem, e);
    }

    private static InvalidJsonException invalid(JsonParser parser, String problem, Throwable cause) {
        return invalid(parser.currentLocation(), problem, cause);
    }

    private static InvalidJsonException invalid(JsonLocation at, String problem, Throwable cause) {
        int line = at == null ? -1 : at.getLineNr();
        int column = at == null ? -1 : at.getColumnNr();
        long offset = at == null ? -1 : at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
        return new InvalidJsonException("invalid JSON: line=" + line + " column=" + column + " problem=\""
                + problem + "\"", line, column, offset, cause);
    }
}
