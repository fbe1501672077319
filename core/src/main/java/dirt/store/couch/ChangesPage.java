package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/** One answer of a normal or longpoll changes request; ask again with {@code since(lastSeq)} for more. */
record ChangesPage(List<Change> results, Seq lastSeq) {
    public ChangesPage {
        results = List.copyOf(results);
        requireNonNull(lastSeq, "lastSeq is null");
    }

    /** The page in {@code body}; without a {@code last_seq}, ends at the last result or else at {@code since}. */
    static ChangesPage from(JsonObject body, Seq since) {
        List<Change> results = new ArrayList<>();
        for (Json row : body.array("results").orElse(JsonArray.EMPTY)) {
            results.add(Change.from(row instanceof JsonObject object ? object : JsonObject.EMPTY));
        }
        Optional<Json> lastSeq = body.get("last_seq").filter(value -> value != JsonNull.NULL);
        if (lastSeq.isPresent()) {
            return new ChangesPage(results, Seq.of(lastSeq.get()));
        }
        Seq end = results.isEmpty() ? since : results.get(results.size() - 1).seq();
        return new ChangesPage(results, end == null ? Seq.BEGINNING : end);
    }
}
