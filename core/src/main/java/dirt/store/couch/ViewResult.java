package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
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

    static ViewResult from(JsonObject body) {
        List<ViewRow> rows = new ArrayList<>();
        for (Json row : body.array("rows").orElse(JsonArray.EMPTY)) {
            if (row instanceof JsonObject object) {
                rows.add(ViewRow.from(object));
            }
        }
        Optional<Json> seq = body.get("update_seq").filter(value -> value != JsonNull.NULL);
        return new ViewResult(rows, number(body, "total_rows"), number(body, "offset"), seq.map(Seq::of));
    }

    private static OptionalLong number(JsonObject body, String field) {
        Optional<JsonNumber> number = body.number(field);
        try {
            return number.isPresent() ? OptionalLong.of(number.get().longValue()) : OptionalLong.empty();
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
