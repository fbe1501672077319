package dirt.agent;

import java.util.Map;

/** {@code probe}: the node's facts under {@code "facts"}; concurrent, since host name lookups may take a while. */
final class ProbeOp implements Operation {
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
        return Map.of("facts", facts.probe());
    }
}
