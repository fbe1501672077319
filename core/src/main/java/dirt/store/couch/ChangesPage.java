package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One answer of a normal or longpoll changes request; ask again with {@code since(lastSeq)} for more. */
public record ChangesPage(List<Change> results, Seq lastSeq) {
    public ChangesPage {
        results = List.copyOf(results);
        requireNonNull(lastSeq, "lastSeq is null");
    }

    static ChangesPage from(JsonNode body) {
        List<Change> results = new ArrayList<>();
        body.path("results").forEach(row -> results.add(Change.from(row)));
        return new ChangesPage(results, Seq.from(body.get("last_seq")));
    }
}
