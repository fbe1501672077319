package dirt.transport;

import java.util.List;
import java.util.Map;

/**
 * The JVM options dirt's agent starts with on every node: the client compiler alone and the serial collector. The
 * agent moves requests, files and output between serve and a node's processes; with these options a no-op run cost
 * it about a third less CPU ({@code bench/agent-bench}), and its heap grows only as far as it needs. A collector that
 * the node's {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} names replaces the serial one (the JVM refuses
 * two). The JVMs that run Java tasks keep the JVM's defaults: tasks may compute.
 */
public final class AgentJvm {
    static final String CLIENT_COMPILER = "-XX:TieredStopAtLevel=1";
    static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";

    private AgentJvm() {
    }

    /** The options for an agent started with {@code environment}. */
    public static List<String> options(Map<String, String> environment) {
        String user = environment.getOrDefault("JAVA_TOOL_OPTIONS", "") + " "
                + environment.getOrDefault("JDK_JAVA_OPTIONS", "");
        return user.matches("(?s).*-XX:\\+Use\\w*GC.*") ? List.of(CLIENT_COMPILER)
                : List.of(CLIENT_COMPILER, SERIAL_COLLECTOR);
    }

    /** The same options as words of a {@code sh} command line, decided on the node by its environment. */
    public static String shellWords() {
        return CLIENT_COMPILER + " $(case \" $JAVA_TOOL_OPTIONS $JDK_JAVA_OPTIONS\" in *-XX:+Use*GC*) ;; *) echo "
                + SERIAL_COLLECTOR + " ;; esac)";
    }
}
