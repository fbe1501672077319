package dirt.record;

import static java.util.Objects.requireNonNull;

/** The CouchDB {@code _id} of a record document, e.g. {@code r123}; tasks refer to it as {@code record_id}. */
public record RecordId(String value) {
    public RecordId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("record id is blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
