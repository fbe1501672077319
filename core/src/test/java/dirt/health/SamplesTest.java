package dirt.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.json.JsonObject;
import dirt.store.couch.JacksonBridge;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static Samples.Sample sample(Instant at, long diskFree) {
        ObjectNode answer = JSON.createObjectNode().put("load", 1.234).put("mem_total", 8L << 30)
                .put("mem_available", 3L << 30).put("disk_free", diskFree).put("disk_total", 100L << 30)
                .put("work_dir", "/var/cache/dirt/work");
        return Samples.Sample.fromAgent(JacksonBridge.object(answer), at).orElseThrow();
    }

    @Test
    void a_node_keeps_its_last_hour_of_samples_in_one_bounded_field() {
        ObjectNode resources = JSON.createObjectNode();
        for (int i = 0; i < Samples.KEPT + 10; i++) {
            resources = JacksonBridge.tree(Samples.append(Optional.of(JacksonBridge.object(resources)),
                    List.of(sample(T0.plusSeconds(30L * i), 5L << 30))));
        }

        assertThat(resources.path("samples")).hasSize(Samples.KEPT);
        assertThat(resources.path("samples").get(0).toString())
                .isEqualTo("[" + T0.plusSeconds(300).getEpochSecond() + ",1.23," + (3L << 30) + "," + (5L << 30) + "]");
        assertThat(resources.path("mem_total").asLong()).isEqualTo(8L << 30);
        assertThat(resources.path("work_dir").asText()).isEqualTo("/var/cache/dirt/work");
    }

    @Test
    void a_nearly_full_work_folder_says_how_much_is_free_and_what_the_setting_asks() {
        assertThat(Samples.diskFull(sample(T0, 400L << 20), 1L << 30, false)).contains("disk full: 400.0 MiB free in"
                + " /var/cache/dirt/work, under the 1.0 GiB that [serve] min_free_disk_bytes asks for");
        assertThat(Samples.diskFull(sample(T0, 2L << 30), 1L << 30, false)).isEmpty();
    }

    @Test
    void a_full_disk_stays_marked_until_it_has_a_tenth_more_than_the_line() {
        long justOver = (1L << 30) + (50L << 20);

        assertThat(Samples.diskFull(sample(T0, justOver), 1L << 30, false)).isEmpty();
        assertThat(Samples.diskFull(sample(T0, justOver), 1L << 30, true)).isPresent();
        assertThat(Samples.diskFull(sample(T0, (1L << 30) + (110L << 20)), 1L << 30, true)).isEmpty();
    }

    @Test
    void samples_merge_by_time_and_one_close_to_another_servers_is_left_out() {
        JsonObject resources = Samples.append(Optional.empty(),
                List.of(sample(T0, 1), sample(T0.plusSeconds(60), 1)));

        ObjectNode merged = JacksonBridge.tree(Samples.append(Optional.of(resources),
                List.of(sample(T0.plusSeconds(10), 2), sample(T0.plusSeconds(30), 3))));

        assertThat(merged.path("samples")).extracting(entry -> entry.path(0).asLong() - T0.getEpochSecond())
                .containsExactly(0L, 30L, 60L);
    }

    @Test
    void an_answer_without_figures_is_no_sample() {
        assertThat(Samples.Sample.fromAgent(JsonObject.builder().put("work_dir", "/x").build(), T0)).isEmpty();
    }
}
