package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rows of a view query, with {@code total_rows} and {@code offset} when the server sent them (not when reduced),
 * and with {@code update_seq=true} the position in the changes feed that the view's index reflects.
 */
public record ViewResult(List<ViewRow> rows, OptionalLong totalRows, OptionalLong offset, Optional<Seq> updateSeq) {
    public ViewResult {
        rows = List.copyOf(rows);
        requireNonNull(updateSeq, "updateSeq is null");
    }

    static ViewResult from(JsonNode body) {
        List<ViewRow> rows = new ArrayList<>();
        body.path("rows").forEach(row -> rows.add(ViewRow.from(row)));
        JsonNode seq = body.get("update_seq");
        return new ViewResult(rows, number(body.get("total_rows")), number(body.get("offset")),
                seq == null || seq.isNull() ? Optional.empty() : Optional.of(new Seq(seq)));
    }

    private static OptionalLong number(JsonNode node) {
        return node != null && node.canConvertToLong() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }
}
