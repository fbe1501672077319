package dirt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskContextTest {
    private static final Path WORK = Path.of("/tmp/work");

    private static TaskContext withKwargs(Map<String, ?> kwargs) {
        return TaskContext.builder("examples.arguments").kwargs(kwargs).workDir(WORK).build();
    }

    @Test
    void typed_getters_return_kwargs_of_their_type() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("foo", 42);
        kwargs.put("bar", "baz");
        kwargs.put("big", 5_000_000_000L);
        kwargs.put("ratio", 0.5);
        kwargs.put("fast", true);
        kwargs.put("items", List.of("a", "b"));
        kwargs.put("env", Map.of("CC", "gcc"));
        TaskContext context = withKwargs(kwargs);

        assertThat(context.getInt("foo")).isEqualTo(42);
        assertThat(context.getString("bar")).isEqualTo("baz");
        assertThat(context.getLong("big")).isEqualTo(5_000_000_000L);
        assertThat(context.getDouble("ratio")).isEqualTo(0.5);
        assertThat(context.getDouble("foo")).isEqualTo(42.0);
        assertThat(context.getBoolean("fast")).isTrue();
        assertThat(context.getList("items")).containsExactly("a", "b");
        assertThat(context.getMap("env")).containsEntry("CC", "gcc");
        assertThat(context.kwargs()).containsOnlyKeys("foo", "bar", "big", "ratio", "fast", "items", "env");
    }

    @Test
    void missing_kwarg_fails_naming_the_kwarg_and_the_fix() {
        TaskContext context = withKwargs(Map.of("bar", "baz"));

        assertThatThrownBy(() -> context.getInt("foo"))
                .isInstanceOf(KwargException.class)
                .hasMessage("kwarg \"foo\" is missing — add it to the task document's \"kwargs\", e.g. \"kwargs\":"
                        + " {\"foo\": …} (kwargs present: [bar])");
    }

    @Test
    void kwarg_of_wrong_type_fails_naming_both_types_and_the_value() {
        TaskContext context = withKwargs(Map.of("foo", "42"));

        assertThatThrownBy(() -> context.getInt("foo"))
                .isInstanceOf(KwargException.class)
                .hasMessage("kwarg \"foo\" must be an integer but is a string (\"42\") — fix \"kwargs\" in the task"
                        + " document")
                .extracting(e -> ((KwargException) e).name())
                .isEqualTo("foo");
    }

    @Test
    void fractional_number_is_not_an_integer() {
        TaskContext context = withKwargs(Map.of("foo", 4.5));

        assertThatThrownBy(() -> context.getInt("foo")).hasMessageStartingWith(
                "kwarg \"foo\" must be an integer but is a number (4.5)");
    }

    @Test
    void whole_floating_point_number_is_an_integer() {
        assertThat(withKwargs(Map.of("foo", 42.0)).getInt("foo")).isEqualTo(42);
    }

    @Test
    void long_beyond_int_range_is_not_an_int() {
        TaskContext context = withKwargs(Map.of("big", 5_000_000_000L));

        assertThatThrownBy(() -> context.getInt("big")).hasMessageStartingWith(
                "kwarg \"big\" must be an integer but is a number (5000000000)");
    }

    @Test
    void null_kwarg_is_reported_as_null() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("foo", null);
        TaskContext context = withKwargs(kwargs);

        assertThat(context.has("foo")).isTrue();
        assertThatThrownBy(() -> context.getString("foo")).hasMessageStartingWith(
                "kwarg \"foo\" must be a string but is null (null)");
    }

    @Test
    void defaults_apply_to_missing_and_null_kwargs_only() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("present", "yes");
        kwargs.put("nothing", null);
        TaskContext context = withKwargs(kwargs);

        assertThat(context.getString("present", "no")).isEqualTo("yes");
        assertThat(context.getString("nothing", "no")).isEqualTo("no");
        assertThat(context.getInt("absent", 7)).isEqualTo(7);
        assertThat(context.getBoolean("absent", true)).isTrue();
    }

    @Test
    void kwargs_are_copied_and_unmodifiable() {
        List<Object> items = new ArrayList<>(List.of("a"));
        TaskContext context = withKwargs(Map.of("items", items));
        items.add("b");

        assertThat(context.getList("items")).containsExactly("a");
        assertThatThrownBy(() -> context.getList("items").add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.kwargs().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void non_json_kwarg_is_rejected_when_building() {
        assertThatThrownBy(() -> TaskContext.builder("t").kwarg("when", new Object()).workDir(WORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kwarg \"when\" is a java.lang.Object, which is not a JSON value");
    }

    @Test
    void log_lines_go_to_the_given_sink() {
        List<String> lines = new ArrayList<>();
        TaskContext context = TaskContext.builder("t").workDir(WORK).log(lines::add).build();

        context.log("cloning");

        assertThat(lines).containsExactly("cloning");
    }

    @Test
    void ids_default_to_local_and_can_be_set() {
        TaskContext defaults = TaskContext.builder("t").workDir(WORK).build();
        TaskContext set = TaskContext.builder("t").taskId("2e3d").recordId("r123").workDir(WORK).build();

        assertThat(defaults.taskId()).isEqualTo("local");
        assertThat(defaults.recordId()).isEqualTo("local");
        assertThat(set.taskId()).isEqualTo("2e3d");
        assertThat(set.recordId()).isEqualTo("r123");
        assertThat(set.taskName()).isEqualTo("t");
        assertThat(set.workDir()).isEqualTo(WORK);
    }

    @Test
    void building_without_work_dir_says_how_to_set_one() {
        assertThatThrownBy(() -> TaskContext.builder("t").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("workDir is not set — call workDir(Path), e.g. with a JUnit @TempDir folder");
    }
}
