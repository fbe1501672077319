package dirt.node;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.time.Instant;
import java.util.ArrayList;
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
public record Drift(String what, Json from, Json to, Instant when) {
    /** The facts whose change is drift. */
    static final Set<String> WATCHED = Set.of(SysInfo.ARCHITECTURE, SysInfo.CPU_COUNT, "java_version", "java_vendor",
            "java_home", "os_name", "os_version", SysInfo.PLATFORM, SysInfo.ENVIRON, SysInfo.PATH);
    /** How many changes a node document keeps, newest last. */
    public static final int KEPT = 20;
    static final String PRESENT = "(set)";

    public Drift {
        requireNonNull(what, "what is null");
        from = from == null ? JsonNull.NULL : from;
        to = to == null ? JsonNull.NULL : to;
        requireNonNull(when, "when is null");
    }

    /** What changed from {@code before} to {@code after}, fact by fact in name order; empty when nothing did. */
    public static List<Drift> between(SysInfo before, SysInfo after, Instant when) {
        List<Drift> changes = new ArrayList<>();
        JsonObject old = before.facts();
        JsonObject now = after.facts();
        if (old.isEmpty()) {
            return changes;
        }
        for (String key : new TreeSet<>(WATCHED)) {
            if (!old.has(key)) {
                continue;
            }
            Json from = old.get(key).orElseThrow();
            Optional<Json> to = now.get(key);
            if (from instanceof JsonObject was && to.orElse(null) instanceof JsonObject is
                    && key.equals(SysInfo.ENVIRON)) {
                environ(was, is, when, changes);
            } else if (!to.equals(Optional.of(from))) {
                changes.add(new Drift(key, from, to.orElse(null), when));
            }
        }
        return changes;
    }

    private static void environ(JsonObject from, JsonObject to, Instant when, List<Drift> changes) {
        Set<String> names = new TreeSet<>();
        names.addAll(from.fields().keySet());
        names.addAll(to.fields().keySet());
        names.remove("PATH"); // the fact path says it
        for (String name : names) {
            Json was = shown(from, name);
            Json is = shown(to, name);
            if (!was.equals(is)) {
                changes.add(new Drift(SysInfo.ENVIRON + "." + name, was, is, when));
            }
        }
    }

    /** A variable as drift shows it: its value when the probe showed one, {@code "(set)"}, or null when absent. */
    private static Json shown(JsonObject environ, String name) {
        Optional<Json> value = environ.get(name);
        if (value.isEmpty()) {
            return JsonNull.NULL;
        }
        return value.get() instanceof JsonString && !SysInfo.hidden(name, value.get()) ? value.get()
                : new JsonString(PRESENT);
    }

    /** The document's {@code facts_changed} with {@code changes} appended, the oldest dropped past {@link #KEPT}. */
    static JsonArray appendTo(Optional<Json> kept, List<Drift> changes) {
        List<Json> list = new ArrayList<>();
        if (kept.orElse(null) instanceof JsonArray array) {
            list.addAll(array.values());
        }
        changes.forEach(change -> list.add(change.toJson()));
        return new JsonArray(list.subList(Math.max(0, list.size() - KEPT), list.size()));
    }

    /** The changes a node document keeps, oldest first; entries it cannot read are left out. */
    public static List<Drift> of(Optional<Json> kept) {
        List<Drift> changes = new ArrayList<>();
        if (!(kept.orElse(null) instanceof JsonArray array)) {
            return changes;
        }
        for (Json element : array) {
            if (!(element instanceof JsonObject entry)) {
                continue;
            }
            Optional<Instant> when = new DocumentReader(entry).epochSeconds("when");
            Optional<String> what = entry.string("what");
            if (what.isPresent() && when.isPresent()) {
                changes.add(new Drift(what.get(), entry.get("from").orElse(null), entry.get("to").orElse(null),
                        when.get()));
            }
        }
        return changes;
    }

    JsonObject toJson() {
        return DocumentWriter.empty().string("what", what).json("from", from).json("to", to)
                .epochSeconds("when", when).build();
    }

    /** One line: {@code java_version: "17.0.9" → "21.0.1"}. */
    public String describe() {
        return what + ": " + from + " → " + to;
    }
}
