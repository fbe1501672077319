package dirt.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a task returns with its {@link Result}, stored with the task document under {@link #fileName()}. Made by
 * {@link Result#attach(Path, String)} (a file in the task's work folder) or
 * {@link Result#attach(String, byte[], String)} (contents in memory).
 */
public final class Attachment {
    private final String fileName;
    private final Path file;
    private final byte[] contents;
    private final String linkName;

    private Attachment(String fileName, Path file, byte[] contents, String linkName) {
        this.fileName = checkFileName(fileName);
        this.file = file;
        this.contents = contents;
        if (linkName != null && linkName.isBlank()) {
            throw new IllegalArgumentException(String.format(
                    "attachment \"%s\" has a blank link name — pass a name to show on the results page, or null",
                    fileName));
        }
        this.linkName = linkName;
    }

    static Attachment ofFile(Path file, String linkName) {
        requireNonNull(file, "attachment file is null");
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException(String.format(
                    "attachment file \"%s\" is a relative path — resolve it in the work folder:"
                            + " context.workDir().resolve(\"%s\")",
                    file, file));
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(String.format(
                    "attachment file \"%s\" does not exist or is not a regular file — write it before attaching it",
                    file));
        }
        Path name = file.getFileName();
        return new Attachment(name == null ? "" : name.toString(), file, null, linkName);
    }

    static Attachment ofContents(String fileName, byte[] contents, String linkName) {
        requireNonNull(contents, "attachment contents are null");
        return new Attachment(fileName, null, contents.clone(), linkName);
    }

    /** The name the attachment is stored under, e.g. {@code build.log}. */
    public String fileName() {
        return fileName;
    }

    /** The text of the link to it on the results page; empty for an attachment without a link. */
    public Optional<String> linkName() {
        return Optional.ofNullable(linkName);
    }

    /** The file for an attachment made from a file; empty for one made from contents in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The attachment's bytes: a copy of the contents given, or the file's contents read now.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public byte[] contents() {
        if (contents != null) {
            return contents.clone();
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(
                    "cannot read attachment file \"%s\": %s — keep the file until the task's results are stored",
                    file, e.getMessage()), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that
                && fileName.equals(that.fileName)
                && Objects.equals(file, that.file)
                && Arrays.equals(contents, that.contents)
                && Objects.equals(linkName, that.linkName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, file, Arrays.hashCode(contents), linkName);
    }

    @Override
    public String toString() {
        String source = file != null ? "file=" + file : "bytes=" + contents.length;
        return "Attachment[fileName=" + fileName + ", " + source + ", linkName=" + linkName + "]";
    }

    private static String checkFileName(String fileName) {
        requireNonNull(fileName, "attachment file name is null");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException(String.format(
                    "attachment file name \"%s\" is not a plain file name — use a name without folders such as"
                            + " \"build.log\"",
                    fileName));
        }
        return fileName;
    }
}
