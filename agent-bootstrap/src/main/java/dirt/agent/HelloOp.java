package dirt.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code hello}: who is answering — agent and protocol version, pid, Java version, and the ops it knows. */
final class HelloOp implements Operation {
    static final String NAME = "hello";

    private final List<String> ops;

    HelloOp(List<String> ops) {
        this.ops = List.copyOf(ops);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    public Map<String, Object> handle(Request request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("agent_version", Main.version());
        fields.put("protocol", AgentServer.PROTOCOL);
        fields.put("pid", ProcessHandle.current().pid());
        fields.put("java_version", Facts.javaVersion());
        fields.put("ops", ops);
        return fields;
    }
}
