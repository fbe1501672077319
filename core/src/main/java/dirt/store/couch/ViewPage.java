package dirt.store.couch;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One page of rows and, when there are more, the bookmark where the next page starts. */
record ViewPage(List<ViewRow> rows, Optional<Bookmark> next) {
    public ViewPage {
        rows = List.copyOf(rows);
        requireNonNull(next, "next is null");
    }

    /**
     * The page of the first {@code pageSize} of {@code fetched} (which holds one row more when there is a next page).
     *
     * @param start where the page started, or {@code null} when it started at the beginning
     */
    static ViewPage of(List<ViewRow> fetched, int pageSize, Bookmark start) {
        if (fetched.size() <= pageSize) {
            return new ViewPage(fetched, Optional.empty());
        }
        List<ViewRow> page = fetched.subList(0, pageSize);
        ViewRow first = fetched.get(pageSize);
        int sameKey = 0;
        for (int i = pageSize - 1; i >= 0 && page.get(i).key().equals(first.key()); i--) {
            sameKey++;
        }
        boolean wholePageOnStartKey = sameKey == pageSize && start != null && start.key().equals(first.key());
        int skip = sameKey + (wholePageOnStartKey ? start.skip() : 0);
        return new ViewPage(page, Optional.of(new Bookmark(first.key(), skip)));
    }

    public boolean hasNext() {
        return next.isPresent();
    }
}
