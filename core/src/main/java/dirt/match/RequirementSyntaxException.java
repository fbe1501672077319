package dirt.match;

import static java.util.Objects.requireNonNull;

import dirt.DirtException;
import dirt.json.JsonString;

/**
 * A requirement line cannot be parsed. The message quotes the line and says what is wrong and what to write instead,
 * e.g. {@code invalid requirement "arch equals x86_64": unknown operator "equals" — use one of is, not, in, not_in}.
 */
public final class RequirementSyntaxException extends DirtException {
    private final String line;
    private final String reason;

    public RequirementSyntaxException(String line, String reason) {
        super("invalid requirement " + new JsonString(requireNonNull(line, "line is null")) + ": "
                + requireNonNull(reason, "reason is null"));
        this.line = line;
        this.reason = reason;
    }

    /** The line as written. */
    public String line() {
        return line;
    }

    /** What is wrong with the line, without the line itself. */
    public String reason() {
        return reason;
    }
}
