package dirt.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
    @TempDir
    Path temp;

    @Test
    void project_paths_are_resolved_in_its_folder() {
        Project project = new Project(temp.resolve("demo/../demo"));

        assertThat(project.dir()).isEqualTo(temp.resolve("demo"));
        assertThat(project.settingsFile()).isEqualTo(temp.resolve("demo/settings.toml"));
        assertThat(project.tasksDir()).isEqualTo(temp.resolve("demo/tasks"));
        assertThat(project.libDir()).isEqualTo(temp.resolve("demo/tasks/lib"));
        assertThat(project.buildDir()).isEqualTo(temp.resolve("demo/.dirt/build"));
    }

    @Test
    void opening_a_folder_without_settings_says_how_to_get_a_project() {
        assertThatThrownBy(() -> Project.open(temp))
                .isInstanceOf(ProjectException.class)
                .hasMessage("not a dirt project: folder=\"" + temp + "\" has no settings.toml — cd into a project"
                        + " folder, pass --project, or create one with 'dirt create NAME'");
    }

    @Test
    void opening_a_folder_with_settings_gives_the_project() {
        ProjectFolder.in(temp.resolve("demo"));

        assertThat(Project.open(temp.resolve("demo")).dir()).isEqualTo(temp.resolve("demo"));
    }
}
