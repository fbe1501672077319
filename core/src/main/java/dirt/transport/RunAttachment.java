package dirt.transport;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a run sent back: its name (relative, {@code /}-separated for files from a command's subfolders, e.g. {@code
 * reports/junit.xml}), the link to show on the results page (e.g. {@code stdout}), its guessed content type, and its
 * bytes. {@code data} is not copied (it may be megabytes): do not change it.
 */
public record RunAttachment(String name, Optional<String> linkName, String contentType, byte[] data) {
    public RunAttachment {
        requireNonNull(name, "name is null");
        requireNonNull(linkName, "linkName is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(data, "data is null");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunAttachment that && name.equals(that.name) && linkName.equals(that.linkName)
                && contentType.equals(that.contentType) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, linkName, contentType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "RunAttachment[name=" + name + ", linkName=" + linkName.orElse(null) + ", contentType=" + contentType
                + ", bytes=" + data.length + "]";
    }
}
