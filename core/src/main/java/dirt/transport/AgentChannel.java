package dirt.transport;

import java.io.InputStream;
import java.io.OutputStream;

/** A running agent's standard input and output. Closing it ends the agent and releases the connection. */
public interface AgentChannel extends AutoCloseable {
    /** Requests go here, one JSON object per line. */
    OutputStream requests();

    /** Responses come from here, one JSON object per line. */
    InputStream responses();

    /** Whether starting this agent uploaded its jar (false when the node's cache had this version). */
    boolean uploadedAgent();

    /** The last lines the agent (or the shell that started it) wrote to stderr, for error messages; may be empty. */
    String stderrTail();

    @Override
    void close();
}
