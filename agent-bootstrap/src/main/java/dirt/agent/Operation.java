package dirt.agent;

import java.util.Map;

/**
 * One kind of request the agent answers, named by the request's {@code "op"}. Adding an op is one class implementing
 * this, listed in {@link AgentServer#standard}; see {@code PROTOCOL.md} for the contract.
 */
interface Operation {
    /** The request's {@code "op"} that selects this operation, e.g. {@code "probe"}. */
    String name();

    /**
     * Whether requests may run on a worker thread, concurrently with other requests, answered whenever they finish
     * (true: anything that may take a while), or are answered before the next line is read (false: cheap ops).
     */
    default boolean concurrent() {
        return true;
    }

    /**
     * Answers {@code request}: the returned fields go into the ok response beside {@code "id"} and {@code "ok"}, and
     * must be JSON values (see {@link JsonWriter}).
     *
     * @throws OperationException for an error response with its message (say what to do, as everywhere in dirt)
     * @throws Exception anything else becomes an error response naming the exception
     */
    Map<String, Object> handle(Request request) throws Exception;

    /**
     * Called once when the agent stops serving (shutdown or the end of its input): stop whatever still runs, within
     * a few seconds, so that no work outlives the agent.
     */
    default void close() {}
}
