package dirt.agent;

import java.util.List;
import java.util.Map;

/**
 * {@code probe}: the node's facts under {@code "facts"}; concurrent, since host name lookups may take a while. The
 * optional {@code environ_values} (a list of names) says which environment variables' values {@code environ} shows;
 * without it, {@link Facts#DEFAULT_ENVIRON_VALUES}.
 */
final class ProbeOp implements Operation {
    static final String ENVIRON_VALUES = "environ_values";

    private final Facts facts;

    ProbeOp(Facts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Map<String, Object> handle(Request request) {
        List<String> environValues = request.fields().get(ENVIRON_VALUES) == null ? Facts.DEFAULT_ENVIRON_VALUES
                : request.strings(ENVIRON_VALUES);
        return Map.of("facts", facts.probe(environValues));
    }
}
