package dirt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which paths below /db/ the proxy passes on, and how it encodes them: no I/O. */
class DbPathsTest {

    @Test
    void documents_attachments_views_and_feeds_are_passed_on_with_each_segment_encoded_again() {
        assertThat(DbPaths.upstream("", null)).isEmpty();
        assertThat(DbPaths.upstream("r1", null)).isEqualTo("r1");
        assertThat(DbPaths.upstream("r%201%2F2%26x", null)).as("an id with a slash keeps it inside the segment")
                .isEqualTo("r%201%2F2%26x");
        assertThat(DbPaths.upstream("t1/attempt-1/stdout.txt", null)).isEqualTo("t1/attempt-1/stdout.txt");
        assertThat(DbPaths.upstream("schedule:nightly", null)).isEqualTo("schedule%3Anightly");
        assertThat(DbPaths.upstream("_design/dirt", null)).isEqualTo("_design/dirt");
        assertThat(DbPaths.upstream("_design/dirt/_view/records", "limit=26")).isEqualTo("_design/dirt/_view/records");
        assertThat(DbPaths.upstream("_all_docs", null)).isEqualTo("_all_docs");
        assertThat(DbPaths.upstream("_changes", "feed=longpoll&timeout=25000&since=now")).isEqualTo("_changes");
    }

    @Test
    void steps_out_of_the_database_are_refused_also_when_encoded() {
        for (String path : new String[] {"..", "../_users", "%2E%2E/_users", "a%2F..%2F_users", "r1/..", "r1/./x",
                "r1//x", "r1/", "a%5C..", "r1/a%2Fb"}) {
            assertThatThrownBy(() -> DbPaths.upstream(path, null)).as(path).isInstanceOf(DbPaths.Refused.class);
        }
    }

    @Test
    void underscore_paths_other_than_the_sites_own_are_refused_with_what_the_site_reads() {
        for (String path : new String[] {"_security", "_local/x", "_design/other", "_design/dirt/x.html",
                "_design/dirt/_show/x", "_design%2Fdirt", "_bulk_docs", "_all_docs/x", "_purge",
                "_design/dirt-serve/_view/pending"}) {
            assertThatThrownBy(() -> DbPaths.upstream(path, null)).as(path).isInstanceOf(DbPaths.Refused.class);
        }
        assertThatThrownBy(() -> DbPaths.upstream("_security", null))
                .hasMessage("not a path the site reads: \"_security\" — the site reads documents, attachments,"
                        + " _all_docs, _changes and the views of _design/dirt");
    }

    @Test
    void a_continuous_changes_feed_is_refused() {
        assertThatThrownBy(() -> DbPaths.upstream("_changes", "since=0&feed=continuous"))
                .hasMessage("the site reads the changes feed as longpoll or normal only, got feed=\"continuous\"");
        assertThatThrownBy(() -> DbPaths.upstream("_changes", "feed=eventsource"))
                .isInstanceOf(DbPaths.Refused.class);
    }

    @Test
    void a_malformed_escape_is_refused() {
        assertThatThrownBy(() -> DbPaths.upstream("r%zz", null)).isInstanceOf(DbPaths.Refused.class);
    }
}
