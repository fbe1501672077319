package dirt.serve.backlog;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.match.Requirement;
import dirt.serve.writeback.Attempts;
import dirt.task.Attempt;
import dirt.task.Task;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A task that waits to start, as the backlog keeps it: what ordering and placing it need, the revision it was seen
 * at, and its document as JSON bytes while it is new. A task whose reason to wait is stored is kept without its
 * document: a farm may have 100,000 tasks waiting, most of them for the same reason, and their documents are read
 * again ({@link Documents}) only when one of them is chosen or its reason changes. A parsed document takes several
 * times the memory of its text, so the few a round acts on are parsed then ({@link #task()}).
 *
 * @param ranBefore whether an attempt of it started before (lost, handed back, or tried again)
 * @param after the names or ids of the tasks of its record it runs after
 * @param broadcast whether it runs on every matching node ({@code children} are those runs, once made)
 * @param onNode the node a broadcast's node run is pinned to
 * @param failedOn the nodes where an earlier try failed: its next try goes elsewhere when it can
 * @param said why it waits, as its document says ({@code waiting}), or null
 * @param rev the revision it was seen at
 * @param document the document at {@code rev}, or null when it is kept without ({@link #hasDocument})
 */
public record Pending(String id, String name, String recordId, boolean ranBefore, Instant created,
        Optional<Instant> retryAt, List<Requirement> requires, List<String> after, boolean broadcast,
        Optional<String> onNode, List<String> children, Set<String> failedOn, String said, String rev, byte[] document) {
    public Pending {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(created, "created is null");
        requireNonNull(retryAt, "retryAt is null");
        requires = List.copyOf(requires);
        after = List.copyOf(after);
        requireNonNull(onNode, "onNode is null");
        children = List.copyOf(children);
        failedOn = Set.copyOf(failedOn);
        requireNonNull(rev, "rev is null");
    }

    public static Pending of(Task task, JsonObject document) {
        byte[] bytes = task.serve().waiting().isPresent() ? null : bytes(document);
        return new Pending(task.id().value(), task.name().value().intern(), task.recordId().value().intern(),
                Attempts.attempt(task) > 0, task.created().orElse(Instant.EPOCH), Attempts.retryAt(task),
                shared(task.requires()), task.after(), task.broadcast(), task.serve().onNode(),
                task.serve().children(), failedOn(task), task.serve().waiting().map(String::intern).orElse(null),
                document.rev().orElse(""), bytes);
    }

    /** This task with its document, read again at the revision it was seen at. */
    Pending with(JsonObject document) {
        return new Pending(id, name, recordId, ranBefore, created, retryAt, requires, after, broadcast, onNode,
                children, failedOn, said, rev, bytes(document));
    }

    /** The document as compact JSON, written straight from the values the feed read (no tree in between). */
    private static byte[] bytes(JsonObject document) {
        return Json.bytes(document);
    }

    /** A copy of the document's bytes, or null when it is kept without. */
    @Override
    public byte[] document() {
        return document == null ? null : document.clone();
    }

    /** Whether it holds its document; one kept without is read through {@link Documents} before it is acted on. */
    public boolean hasDocument() {
        return document != null;
    }

    /**
     * The requirements with their words interned: a large backlog is mostly tasks of a few names, records,
     * requirements and reasons to wait, and one copy of each text saves a third of what a waiting task costs.
     */
    private static List<Requirement> shared(List<Requirement> requires) {
        return requires.stream()
                .map(r -> new Requirement(r.key().intern(), r.operator(), r.value().intern()))
                .toList();
    }

    /** The nodes where an earlier try failed or timed out (a lost or handed-back run says nothing of its node). */
    private static Set<String> failedOn(Task task) {
        Set<String> nodes = new HashSet<>();
        task.serve().history().stream().filter(entry -> Attempt.countsAsFailure(entry.outcome()))
                .forEach(entry -> entry.node().ifPresent(nodes::add));
        return nodes;
    }

    /** Whether it waits for other tasks of its record: those it comes after, or its node runs (a broadcast). */
    public boolean waitsOnOthers() {
        return !after.isEmpty() || broadcast;
    }

    /**
     * The document as it was seen.
     *
     * @throws IllegalStateException when it is kept without ({@link Documents} reads it)
     */
    public JsonObject json() {
        if (document == null) {
            throw new IllegalStateException("task " + id + " is kept without its document: read it through Documents");
        }
        return Json.parseObject(document);
    }

    /** The task as it was seen (it was valid then, so this parses), read straight from the bytes. */
    public Task task() {
        if (document == null) {
            throw new IllegalStateException("task " + id + " is kept without its document: read it through Documents");
        }
        return Task.fromJson(json());
    }
}
