package dirt.match;

import static dirt.document.DocumentReader.quote;
import static dirt.document.DocumentReader.show;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.node.SysInfo;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Evaluates one requirement against one node's facts. Scalars compare as text ({@code 8} equals {@code "8"},
 * {@code true} equals {@code "true"}; numbers also compare by value, so {@code 8.0} equals {@code "8"}).
 * {@code in}/{@code not_in} test membership: an element of a list (elements compared as text), a key of a map, a
 * substring of a string, or text equality for a number or boolean. A fact the node does not have (absent or
 * {@code null}) fails every operator, {@code not} and {@code not_in} included.
 */
final class FactCheck {
    private FactCheck() {
    }

    /** Why {@code requirement} is not met by {@code facts}, without the line itself; empty when it is met. */
    static Optional<String> failure(Requirement requirement, SysInfo facts) {
        String key = requirement.key();
        Optional<Json> fact = facts.value(key);
        if (fact.isEmpty()) {
            return Optional.of("node has no fact " + quote(key));
        }
        return switch (requirement.operator()) {
            case IS, NOT -> compare(requirement, fact.get());
            case IN, NOT_IN -> membership(requirement, fact.get());
        };
    }

    private static Optional<String> compare(Requirement requirement, Json fact) {
        boolean wantEqual = requirement.operator() == Operator.IS;
        if (fact instanceof JsonObject || fact instanceof JsonArray) {
            String instead = wantEqual ? Operator.IN.word() : Operator.NOT_IN.word();
            return Optional.of(requirement.key() + " is " + kind(fact) + " — use " + quote(instead));
        }
        boolean equal = scalarEquals(fact, requirement.value());
        return equal == wantEqual ? Optional.empty() : Optional.of(requirement.key() + " is " + show(fact));
    }

    private static Optional<String> membership(Requirement requirement, Json fact) {
        boolean wantIn = requirement.operator() == Operator.IN;
        String key = requirement.key();
        String value = requirement.value();
        if (fact instanceof JsonObject object) {
            boolean in = object.has(value);
            return in == wantIn ? Optional.empty()
                    : Optional.of(key + (in ? " has key " : " has no key ") + quote(value));
        }
        if (fact instanceof JsonArray array) {
            boolean in = array.stream().anyMatch(e -> scalarEquals(e, value));
            return in == wantIn ? Optional.empty()
                    : Optional.of(key + (in ? " contains " : " does not contain ") + quote(value));
        }
        if (fact instanceof JsonString text) {
            boolean in = text.value().contains(value);
            return in == wantIn ? Optional.empty()
                    : Optional.of(key + " " + show(fact) + (in ? " contains " : " does not contain ") + quote(value));
        }
        boolean in = scalarEquals(fact, value);
        return in == wantIn ? Optional.empty() : Optional.of(key + " is " + show(fact));
    }

    /** Whether a scalar JSON value reads as {@code value}; lists and maps never do. */
    private static boolean scalarEquals(Json fact, String value) {
        if (fact instanceof JsonString text) {
            return text.value().equals(value);
        }
        if (fact instanceof JsonNumber number) {
            return number.toString().equals(value) || sameNumber(number, value);
        }
        return fact instanceof JsonBoolean && fact.toString().equals(value);
    }

    private static boolean sameNumber(JsonNumber fact, String value) {
        try {
            return fact.value().compareTo(new BigDecimal(value)) == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static String kind(Json container) {
        return container instanceof JsonArray ? "a list" : "a map";
    }
}
