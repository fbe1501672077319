package dirt.store.couch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The rows of a view query, with {@code total_rows} and {@code offset} when the server sent them (not when reduced). */
public record ViewResult(List<ViewRow> rows, OptionalLong totalRows, OptionalLong offset) {
    public ViewResult {
        rows = List.copyOf(rows);
    }

    static ViewResult from(JsonNode body) {
        List<ViewRow> rows = new ArrayList<>();
        body.path("rows").forEach(row -> rows.add(ViewRow.from(row)));
        return new ViewResult(rows, number(body.get("total_rows")), number(body.get("offset")));
    }

    private static OptionalLong number(JsonNode node) {
        return node != null && node.canConvertToLong() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }
}
