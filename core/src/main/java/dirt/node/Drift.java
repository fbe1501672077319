package dirt.node;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change in a node's facts between two probes, as a node document's {@code facts_changed} keeps it: {@code what}
 * changed ({@code java_version}, {@code environ.G4INSTALL}, {@code path}), {@code from} and {@code to} (JSON;
 * {@code null} for a fact or variable that was not there), and {@code when} it was seen. Only the facts that describe
 * the machine a task runs on count ({@link #WATCHED}: architecture, CPUs, Java, OS, environment, path); those that
 * change by themselves or by the network (load, free disk, the probe's time, the address) do not, nor a fact an
 * older agent did not report. An environment variable is compared by its presence and by the value the probe showed,
 * which is {@code null} for every variable whose name looks secret ({@link SysInfo#looksSecret}).
 */
public record Drift(String what, JsonNode from, JsonNode to, Instant when) {
    /** The facts whose change is drift. */
    static final Set<String> WATCHED = Set.of(SysInfo.ARCHITECTURE, SysInfo.CPU_COUNT, "java_version", "java_vendor",
            "java_home", "os_name", "os_version", SysInfo.PLATFORM, SysInfo.ENVIRON, SysInfo.PATH);
    /** How many changes a node document keeps, newest last. */
    public static final int KEPT = 20;
    static final String PRESENT = "(set)";

    public Drift {
        requireNonNull(what, "what is null");
        from = from == null ? NullNode.getInstance() : from.deepCopy();
        to = to == null ? NullNode.getInstance() : to.deepCopy();
        requireNonNull(when, "when is null");
    }

    /** What changed from {@code before} to {@code after}, fact by fact in name order; empty when nothing did. */
    public static List<Drift> between(SysInfo before, SysInfo after, Instant when) {
        List<Drift> changes = new ArrayList<>();
        ObjectNode old = before.facts();
        ObjectNode now = after.facts();
        if (old.isEmpty()) {
            return changes;
        }
        for (String key : new TreeSet<>(WATCHED)) {
            if (!old.has(key)) {
                continue;
            }
            JsonNode from = old.path(key);
            JsonNode to = now.path(key);
            if (key.equals(SysInfo.ENVIRON) && from.isObject() && to.isObject()) {
                environ(from, to, when, changes);
            } else if (!from.equals(to)) {
                changes.add(new Drift(key, from.isMissingNode() ? null : from, to.isMissingNode() ? null : to, when));
            }
        }
        return changes;
    }

    private static void environ(JsonNode from, JsonNode to, Instant when, List<Drift> changes) {
        Set<String> names = new TreeSet<>();
        from.fieldNames().forEachRemaining(names::add);
        to.fieldNames().forEachRemaining(names::add);
        names.remove("PATH"); // the fact path says it
        for (String name : names) {
            JsonNode was = shown(from, name);
            JsonNode is = shown(to, name);
            if (!was.equals(is)) {
                changes.add(new Drift(SysInfo.ENVIRON + "." + name, was, is, when));
            }
        }
    }

    /** A variable as drift shows it: its value when the probe showed one, {@code "(set)"}, or null when absent. */
    private static JsonNode shown(JsonNode environ, String name) {
        JsonNode value = environ.get(name);
        if (value == null) {
            return NullNode.getInstance();
        }
        return value.isTextual() && !SysInfo.hidden(name, value) ? value
                : JsonNodeFactory.instance.textNode(PRESENT);
    }

    /** The document's {@code facts_changed} with {@code changes} appended, the oldest dropped past {@link #KEPT}. */
    static JsonNode appendTo(JsonNode kept, List<Drift> changes) {
        var list = JsonNodeFactory.instance.arrayNode();
        if (kept.isArray()) {
            kept.forEach(list::add);
        }
        changes.forEach(change -> list.add(change.toJson()));
        while (list.size() > KEPT) {
            list.remove(0);
        }
        return list;
    }

    /** The changes a node document keeps, oldest first; entries it cannot read are left out. */
    public static List<Drift> of(JsonNode kept) {
        List<Drift> changes = new ArrayList<>();
        if (!kept.isArray()) {
            return changes;
        }
        for (Iterator<JsonNode> it = kept.elements(); it.hasNext(); ) {
            JsonNode entry = it.next();
            Optional<Instant> when = DocumentReader.epochSecondsIn(entry, "when");
            if (entry.path("what").isTextual() && when.isPresent()) {
                changes.add(new Drift(entry.get("what").textValue(), entry.get("from"), entry.get("to"), when.get()));
            }
        }
        return changes;
    }

    ObjectNode toJson() {
        ObjectNode json = DocumentWriter.empty().string("what", what).toJson();
        json.set("from", from);
        json.set("to", to);
        json.set("when", DocumentWriter.epochSeconds(when));
        return json;
    }

    /** One line: {@code java_version: "17.0.9" → "21.0.1"}. */
    public String describe() {
        return what + ": " + from + " → " + to;
    }
}
