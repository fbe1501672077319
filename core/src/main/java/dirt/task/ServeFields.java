package dirt.task;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code dirt serve} writes on a task about its attempts, besides {@code started}, {@code node},
 * {@code completed} and {@code results}: the number of the current or last attempt ({@code attempt}, 0 before the
 * first claim), the server and slot that claimed it ({@code server}, {@code slot}), when a failed attempt is tried
 * again ({@code retry_at}), why the task waits ({@code waiting}), how often it was lost ({@code lost}) and the
 * attempts that did not complete it ({@code history}). For a broadcast ({@code "broadcast": true}): on the parent, its
 * node runs ({@code children}, their ids) and the matching nodes that got none because they were unreachable
 * ({@code unreachable}); on each node run, its parent's id ({@code parent}) and the node it is pinned to
 * ({@code on_node}).
 */
public record ServeFields(int attempt, Optional<String> server, Optional<Integer> slot, Optional<Instant> retryAt,
        Optional<String> waiting, int lost, List<Attempt> history, Optional<String> parent, Optional<String> onNode,
        List<String> children, List<String> unreachable) {
    public static final String ATTEMPT = "attempt";
    public static final String SERVER = "server";
    public static final String SLOT = "slot";
    public static final String RETRY_AT = "retry_at";
    public static final String WAITING = "waiting";
    public static final String LOST = "lost";
    public static final String HISTORY = "history";
    public static final String PARENT = "parent";
    public static final String ON_NODE = "on_node";
    public static final String CHILDREN = "children";
    public static final String UNREACHABLE = "unreachable";

    /** A task no server has claimed yet. */
    public static final ServeFields NONE = new ServeFields(0, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), 0, List.of(), Optional.empty(), Optional.empty(), List.of(), List.of());

    public ServeFields {
        requireNonNull(server, "server is null");
        requireNonNull(slot, "slot is null");
        requireNonNull(retryAt, "retryAt is null");
        requireNonNull(waiting, "waiting is null");
        history = List.copyOf(history);
        requireNonNull(parent, "parent is null");
        requireNonNull(onNode, "onNode is null");
        children = List.copyOf(children);
        unreachable = List.copyOf(unreachable);
    }

    static ServeFields read(DocumentReader in) {
        int attempt = in.integer(ATTEMPT, 0).orElse(0);
        Optional<String> server = in.string(SERVER);
        Optional<Integer> slot = in.integer(SLOT, 0);
        Optional<Instant> retryAt = in.epochSeconds(RETRY_AT);
        Optional<String> waiting = in.string(WAITING);
        int lost = in.integer(LOST, 0).orElse(0);
        List<Attempt> history = new ArrayList<>();
        Optional<JsonArray> entries = in.array(HISTORY, "a list of the attempts dirt serve recorded");
        for (int i = 0; entries.isPresent() && i < entries.get().size(); i++) {
            Json entry = entries.get().get(i);
            Attempt.read(entry, in, HISTORY + "[" + i + "]").ifPresent(history::add);
        }
        return new ServeFields(attempt, server, slot, retryAt, waiting, lost, history, in.string(PARENT),
                in.string(ON_NODE), strings(in, CHILDREN), strings(in, UNREACHABLE));
    }

    private static List<String> strings(DocumentReader in, String field) {
        List<String> values = new ArrayList<>();
        Optional<JsonArray> entries = in.array(field, "a list of strings that dirt serve wrote");
        for (int i = 0; entries.isPresent() && i < entries.get().size(); i++) {
            if (entries.get().get(i) instanceof JsonString text) {
                values.add(text.value());
            } else {
                in.problem(field + "[" + i + "]", "must be a string, got " + DocumentReader.show(entries.get().get(i)));
            }
        }
        return values;
    }

    /** The node of a broadcast's node run, from its id {@code PARENT@NODE}. */
    public static String nodeOfRun(String runId) {
        return runId.substring(runId.lastIndexOf('@') + 1);
    }

    /** Sets the fields on {@code out}; a count of 0 and an empty history are left as the document has them. */
    void write(DocumentWriter out) {
        if (attempt > 0) {
            out.integer(ATTEMPT, attempt);
        }
        if (lost > 0) {
            out.integer(LOST, lost);
        }
        out.string(SERVER, server);
        slot.ifPresentOrElse(value -> out.integer(SLOT, value), () -> out.remove(SLOT));
        out.epochSeconds(RETRY_AT, retryAt).string(WAITING, waiting);
        out.string(PARENT, parent).string(ON_NODE, onNode);
        for (var list : List.of(java.util.Map.entry(CHILDREN, children), java.util.Map.entry(UNREACHABLE, unreachable))) {
            if (!list.getValue().isEmpty()) {
                out.json(list.getKey(), JsonArray.ofStrings(list.getValue()));
            }
        }
        if (!history.isEmpty()) {
            out.json(HISTORY, new JsonArray(history.stream().<Json>map(Attempt::toJson).toList()));
        }
    }
}
