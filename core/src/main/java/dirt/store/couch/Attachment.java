package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** The raw bytes of an attachment and their content type. The array is copied in and out. */
public record Attachment(String contentType, byte[] bytes) {
    public Attachment {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(bytes, "bytes is null");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes, without copying them. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that && contentType.equals(that.contentType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return contentType.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Attachment[contentType=" + contentType + ", length=" + bytes.length + "]";
    }
}
