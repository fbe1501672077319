package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One answer of a normal or longpoll changes request; ask again with {@code since(lastSeq)} for more. */
record ChangesPage(List<Change> results, Seq lastSeq) {
    public ChangesPage {
        results = List.copyOf(results);
        requireNonNull(lastSeq, "lastSeq is null");
    }

    /** The page in {@code body}; without a {@code last_seq}, ends at the last result or else at {@code since}. */
    static ChangesPage from(JsonNode body, Seq since) {
        List<Change> results = new ArrayList<>();
        body.path("results").forEach(row -> results.add(Change.from(row)));
        JsonNode lastSeq = body.get("last_seq");
        if (lastSeq != null && !lastSeq.isNull()) {
            return new ChangesPage(results, new Seq(lastSeq));
        }
        Seq end = results.isEmpty() ? since : results.get(results.size() - 1).seq();
        return new ChangesPage(results, end == null ? Seq.BEGINNING : end);
    }
}
