package dirt.agent;

import java.util.Map;

/** {@code ping}: answers at once with nothing but {@code ok}; shows the agent and the connection are alive. */
final class PingOp implements Operation {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    public Map<String, Object> handle(Request request) {
        return Map.of();
    }
}
