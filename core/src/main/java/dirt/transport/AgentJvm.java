package dirt.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options dirt's agent starts with on every node: the client compiler alone, and the serial collector with a
 * heap that starts at 16 MB and keeps 10-30 % free, as dirt's own JVMs do (the launcher). The agent moves requests,
 * files and output between serve and a node's processes; with these options a no-op run cost it about a third less
 * CPU, and it peaked at 52 MiB resident instead of 151 on a node of 24 GB, whose default first heap is 376 MB
 * ({@code bench/agent-bench}). A collector that the node's {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} names
 * replaces the serial one and its heap sizing (the JVM refuses two). The JVMs that run Java tasks keep the JVM's
 * defaults: tasks may compute.
 */
public final class AgentJvm {
    static final String CLIENT_COMPILER = "-XX:TieredStopAtLevel=1";
    static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";
    static final List<String> SMALL_HEAP = List.of("-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private AgentJvm() {
    }

    /** The options for an agent started with {@code environment}. */
    public static List<String> options(Map<String, String> environment) {
        String user = environment.getOrDefault("JAVA_TOOL_OPTIONS", "") + " "
                + environment.getOrDefault("JDK_JAVA_OPTIONS", "");
        if (user.matches("(?s).*-XX:\\+Use\\w*GC.*")) {
            return List.of(CLIENT_COMPILER);
        }
        List<String> options = new ArrayList<>(List.of(CLIENT_COMPILER, SERIAL_COLLECTOR));
        options.addAll(SMALL_HEAP);
        return List.copyOf(options);
    }

    /** The same options as words of a {@code sh} command line, decided on the node by its environment. */
    public static String shellWords() {
        return CLIENT_COMPILER + " $(case \" $JAVA_TOOL_OPTIONS $JDK_JAVA_OPTIONS\" in *-XX:+Use*GC*) ;; *) echo "
                + SERIAL_COLLECTOR + " " + String.join(" ", SMALL_HEAP) + " ;; esac)";
    }
}
