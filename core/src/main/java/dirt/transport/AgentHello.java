package dirt.transport;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The agent's answer to {@code hello}: its version, protocol version, process id, Java version and ops. */
public record AgentHello(String agentVersion, int protocol, long pid, String javaVersion, List<String> ops) {
    public AgentHello {
        requireNonNull(agentVersion, "agentVersion is null");
        requireNonNull(javaVersion, "javaVersion is null");
        ops = List.copyOf(ops);
    }
}
