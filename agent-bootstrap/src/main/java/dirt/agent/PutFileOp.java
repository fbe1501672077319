package dirt.agent;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * {@code put_file {"name", "sha256", "data"}}: stores base64 {@code data} as {@code name} in the agent's folder after
 * checking its sha-256; concurrent, since a file may be megabytes.
 */
final class PutFileOp implements Operation {
    private final FileCache cache;

    PutFileOp(FileCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "put_file";
    }

    @Override
    public Map<String, Object> handle(Request request) throws IOException {
        String name = request.string("name");
        cache.resolve(name);
        String sha256 = request.string("sha256");
        byte[] data;
        try {
            data = Base64.getDecoder().decode(request.string("data"));
        } catch (IllegalArgumentException e) {
            throw new OperationException(String.format("put_file refused: name=\"%s\": \"data\" is not base64 (%s)"
                    + " — send the file's bytes in standard base64 with padding", name, e.getMessage()));
        }
        cache.put(name, sha256, data);
        return Map.of("stored", true);
    }
}
