package dirt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskNamesTest {
    @Test
    void dotted_name_maps_to_pascal_case_class_in_the_package() {
        assertThat(TaskNames.className("examples.simple")).isEqualTo("examples.Simple");
        assertThat(TaskNames.className("examples.attachments")).isEqualTo("examples.Attachments");
    }

    @Test
    void snake_case_name_without_package_maps_to_class_in_default_package() {
        assertThat(TaskNames.className("compile_hello")).isEqualTo("CompileHello");
    }

    @Test
    void only_the_last_segment_changes_case() {
        assertThat(TaskNames.className("ci.unit_tests.run_all")).isEqualTo("ci.unit_tests.RunAll");
    }

    @Test
    void fully_qualified_class_name_maps_to_itself() {
        assertThat(TaskNames.className("examples.Simple")).isEqualTo("examples.Simple");
        assertThat(TaskNames.classNameCandidates("examples.Simple")).containsExactly("examples.Simple");
    }

    @Test
    void class_name_with_underscore_is_tried_as_is_after_the_conventional_class() {
        assertThat(TaskNames.classNameCandidates("examples.My_Task")).containsExactly("examples.MyTask", "examples.My_Task");
    }

    @Test
    void source_file_is_the_class_path_under_tasks() {
        assertThat(TaskNames.sourceFile("examples.nope")).isEqualTo("examples/Nope.java");
        assertThat(TaskNames.sourceFile("compile_hello")).isEqualTo("CompileHello.java");
    }

    @Test
    void class_name_maps_back_to_snake_case_task_name() {
        assertThat(TaskNames.taskName("examples.Simple")).isEqualTo("examples.simple");
        assertThat(TaskNames.taskName("CompileHello")).isEqualTo("compile_hello");
        assertThat(TaskNames.taskName("ci.Simple2Task")).isEqualTo("ci.simple2_task");
    }

    @Test
    void class_name_whose_snake_case_would_not_map_back_keeps_its_class_name() {
        assertThat(TaskNames.taskName("examples.HTTPGet")).isEqualTo("examples.HTTPGet");
        assertThat(TaskNames.className(TaskNames.taskName("examples.HTTPGet"))).isEqualTo("examples.HTTPGet");
    }

    @Test
    void task_name_round_trips_through_its_class_name() {
        for (String name : new String[] {"examples.simple", "compile_hello", "a.b.run_unit_tests", "x.v2_build"}) {
            assertThat(TaskNames.taskName(TaskNames.className(name))).isEqualTo(name);
        }
    }

    @Test
    void name_with_invalid_segment_is_rejected_with_the_segment_named() {
        assertThatThrownBy(() -> TaskNames.className("examples.foo-bar"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task name \"examples.foo-bar\" is not valid: \"foo-bar\" is not a Java identifier — use"
                        + " dot-separated Java names such as \"examples.simple\" or \"compile_hello\"");
    }

    @Test
    void name_with_empty_segment_is_rejected() {
        assertThatThrownBy(() -> TaskNames.className("examples..simple"))
                .hasMessageContaining("it has an empty part (a dot at either end, or two together)");
        assertThatThrownBy(() -> TaskNames.className("../../etc/passwd"))
                .hasMessageContaining("it has an empty part");
    }

    @Test
    void name_of_only_underscores_is_rejected() {
        assertThatThrownBy(() -> TaskNames.className("examples.__"))
                .hasMessageContaining("its last segment has no letters or digits");
    }
}
