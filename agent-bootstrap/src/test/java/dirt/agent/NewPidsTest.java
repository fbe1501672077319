package dirt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NewPidsTest {
    @Test
    void ids_that_cannot_have_wrapped_since_the_mark_limit_the_search_to_newer_ones() {
        NewPids.Mark since = new NewPids.Mark(1000, 300, 50_000);

        assertThat(NewPids.newOnly(since, new NewPids.Mark(1200, 310, 50_200), 32768)).isTrue();
    }

    @Test
    void ids_that_went_down_wrapped_and_every_process_is_looked_at() {
        NewPids.Mark since = new NewPids.Mark(32000, 300, 50_000);

        assertThat(NewPids.newOnly(since, new NewPids.Mark(400, 310, 51_000), 32768)).isFalse();
    }

    @Test
    void enough_processes_created_to_wrap_all_the_way_round_and_every_process_is_looked_at() {
        NewPids.Mark since = new NewPids.Mark(1000, 300, 50_000);

        assertThat(NewPids.newOnly(since, new NewPids.Mark(1200, 310, 50_000 + 32_000), 32768))
                .as("the ids may have wrapped and come back past the mark").isFalse();
        assertThat(NewPids.newOnly(since, new NewPids.Mark(1200, 310, 50_000 + 31_000), 32768))
                .as("31,000 new and 300 alive still fall short of the 31,768 ids to the end").isTrue();
    }

    @Test
    void a_process_started_after_the_mark_is_a_candidate_and_one_from_before_is_not() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "needs Linux /proc");
        Optional<NewPids.Mark> mark = NewPids.mark();
        assertThat(mark).isPresent();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            List<Long> since = NewPids.since(mark);
            assertThat(since).contains(sleeper.pid());
            // ids that wrapped since the mark (other builds on the machine start processes too) make every process a
            // candidate: only then may older ones be among them
            if (NewPids.newOnly(mark.get(), NewPids.mark().orElseThrow(), NewPids.pidMax())) {
                assertThat(since).doesNotContain(ProcessHandle.current().pid(), 1L);
            }
            assertThat(NewPids.since(Optional.empty())).contains(sleeper.pid(), ProcessHandle.current().pid());
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }
}
