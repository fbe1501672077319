package dirt.store.couch;

import java.util.List;
import java.util.Optional;

/** One page of rows and, when there are more, the bookmark where the next page starts. */
public record ViewPage(List<ViewRow> rows, Optional<Bookmark> next) {
    public ViewPage {
        rows = List.copyOf(rows);
        java.util.Objects.requireNonNull(next, "next is null");
    }

    static ViewPage of(List<ViewRow> fetched, int pageSize) {
        if (fetched.size() <= pageSize) {
            return new ViewPage(fetched, Optional.empty());
        }
        return new ViewPage(fetched.subList(0, pageSize), Optional.of(fetched.get(pageSize).bookmark()));
    }

    public boolean hasNext() {
        return next.isPresent();
    }
}
