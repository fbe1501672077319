package dirt.agent;

import java.util.Map;

/** {@code has_file {"name"}}: whether the agent's folder holds the file, e.g. {@code tasks-<sha256>.jar}. */
final class HasFileOp implements Operation {
    private final FileCache cache;

    HasFileOp(FileCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "has_file";
    }

    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    public Map<String, Object> handle(Request request) {
        return Map.of("present", cache.has(request.string("name")));
    }
}
