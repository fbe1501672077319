package dirt.cli;

import dirt.DirtException;
import java.util.regex.Pattern;

/** CouchDB's rule for database names, checked before anything is written. */
final class DatabaseName {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_$()+/-]*");

    private DatabaseName() {}

    static void requireValid(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new DirtException(String.format(
                    "database name \"%s\" is not valid for CouchDB (a lowercase letter, then lowercase letters, digits"
                            + " or _$()+-/) — pass one explicitly, e.g. 'dirt create %s %s'",
                    name, name, suggestion(name)));
        }
    }

    private static String suggestion(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_$()+/-]", "_");
        return lower.isEmpty() || !Character.isLetter(lower.charAt(0)) ? "db_" + lower : lower;
    }
}
