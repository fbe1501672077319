package dirt.record;

import static java.util.Objects.requireNonNull;

import dirt.document.DocumentReader;
import dirt.document.DocumentWriter;
import dirt.document.InvalidDocumentException;
import dirt.document.Problem;
import dirt.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A record document. Fields: {@code _id}, {@code _rev}, {@code type: "record"}, {@code description} and
 * {@code created} (seconds since the epoch). Any other field is kept in {@link #document()} and written back by
 * {@link #toJson()} unchanged.
 *
 * <p>(Not to be confused with {@link java.lang.Record}: this is the domain record of the seed's document model.)
 */
public record Record(RecordId id, Optional<String> rev, Optional<String> description, Optional<Instant> created,
        JsonObject document) {
    public static final String TYPE = "record";

    public Record {
        requireNonNull(id, "id is null");
        requireNonNull(rev, "rev is null");
        requireNonNull(description, "description is null");
        requireNonNull(created, "created is null");
        requireNonNull(document, "document is null");
    }

    /** Every problem with a record document; empty when {@link #fromJson} would succeed. */
    public static List<Problem> validate(JsonObject json) {
        DocumentReader in = new DocumentReader(json);
        read(in);
        return in.problems();
    }

    /**
     * Parses a record document.
     *
     * @throws InvalidDocumentException listing every problem when the document is not a valid record
     */
    public static Record fromJson(JsonObject json) {
        DocumentReader in = new DocumentReader(json);
        Optional<Record> record = read(in);
        in.throwIfInvalid(TYPE);
        return record.orElseThrow();
    }

    private static Optional<Record> read(DocumentReader in) {
        Optional<String> id = in.requiredString("_id", "give the record an id such as \"r123\"");
        Optional<String> rev = in.string("_rev");
        in.expectType(TYPE);
        Optional<String> description = in.string("description");
        Optional<Instant> created = in.epochSeconds("created");
        if (!in.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Record(new RecordId(id.orElseThrow()), rev, description, created, in.document()));
    }

    /** The document with this record's fields set on {@link #document()}. */
    public JsonObject toJson() {
        return DocumentWriter.copyOf(document)
                .string("_id", id.value())
                .string("_rev", rev)
                .string("type", TYPE)
                .string("description", description)
                .epochSeconds("created", created)
                .build();
    }
}
