package dirt.project.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dirt.project.ProjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTemplateTest {
    @TempDir
    Path temp;

    @Test
    void template_lists_the_project_files() {
        assertThat(ProjectTemplate.files()).containsExactly(
                "settings.toml",
                "README.md",
                ".gitignore",
                "test_data.json",
                "hooks/post-commit",
                "tasks/examples/Simple.java",
                "tasks/examples/Arguments.java",
                "tasks/examples/Attachments.java",
                "tasks/lib/README");
    }

    @Test
    void writing_the_template_creates_every_file() {
        Path folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo");

        for (String file : ProjectTemplate.files()) {
            assertThat(folder.resolve(file)).isRegularFile().isNotEmptyFile();
        }
    }

    @Test
    void name_and_database_are_substituted_in_every_file() throws IOException {
        Path folder = ProjectTemplate.write(temp.resolve("builder"), "builder", "builds");

        for (String file : ProjectTemplate.files()) {
            assertThat(Files.readString(folder.resolve(file))).as(file).doesNotContain("{{");
        }
        assertThat(folder.resolve("settings.toml")).content()
                .contains("name = \"builder\"", "database = \"builds\"");
        assertThat(folder.resolve("README.md")).content()
                .startsWith("# builder\n")
                .contains("http://127.0.0.1:5984/builds/_bulk_docs");
        assertThat(folder.resolve("hooks/post-commit")).content().contains("default_database='builds'");
    }

    @Test
    void the_couch_url_given_goes_into_the_settings_the_readme_and_the_hook() {
        Path folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo", "https://couch.example:6984/");

        assertThat(folder.resolve("settings.toml")).content().contains("url = \"https://couch.example:6984\"");
        assertThat(folder.resolve("README.md")).content().contains("https://couch.example:6984/demo/_bulk_docs")
                .doesNotContain("127.0.0.1:5984/");
        assertThat(folder.resolve("hooks/post-commit")).content()
                .contains("couch_url=\"${DIRT_COUCH_URL:-https://couch.example:6984}\"");
    }

    @Test
    void a_couch_url_that_cannot_go_into_the_files_is_refused_before_anything_is_written() {
        assertThatThrownBy(() -> ProjectTemplate.write(temp.resolve("demo"), "demo", "demo", "http://h:1/$(reboot)"))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("cannot go into the project's files");
        assertThat(temp.resolve("demo")).doesNotExist();
    }

    @Test
    void database_name_with_slash_is_encoded_in_urls() throws IOException {
        Path folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "team/builds");

        assertThat(folder.resolve("README.md")).content().contains("http://127.0.0.1:5984/team%2Fbuilds/_bulk_docs");
        assertThat(folder.resolve("settings.toml")).content().contains("database = \"team/builds\"");
    }

    @Test
    void gitignore_ignores_the_dirt_folder() {
        Path folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo");

        assertThat(folder.resolve(".gitignore")).content().contains("\n.dirt/\n");
    }

    @Test
    void hook_script_is_executable() throws IOException {
        Path folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo");
        Path hook = folder.resolve("hooks/post-commit");
        assumeThat(Files.getFileStore(hook).supportsFileAttributeView("posix")).isTrue();

        assertThat(Files.getPosixFilePermissions(hook)).contains(
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(folder.resolve("settings.toml")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void writing_into_an_existing_folder_is_refused_and_leaves_it_alone() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("demo"));
        Files.writeString(folder.resolve("mine.txt"), "keep me");

        assertThatThrownBy(() -> ProjectTemplate.write(folder, "demo", "demo"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("folder \"" + folder + "\" already exists — choose another name or remove it");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("mine.txt"));
        }
    }

    @Test
    void writing_twice_is_refused_with_the_folder_named_as_given() {
        Path folder = Path.of("target", "template-twice-" + System.nanoTime(), "demo");
        try {
            ProjectTemplate.write(folder, "demo", "demo");

            assertThatThrownBy(() -> ProjectTemplate.write(folder, "demo", "demo"))
                    .isInstanceOf(ProjectException.class)
                    .hasMessage("folder \"" + folder + "\" already exists — choose another name or remove it");
        } finally {
            deleteTree(folder.getParent());
        }
    }

    @Test
    void failure_while_writing_leaves_no_folder_behind() throws IOException {
        Path parent = Files.createDirectory(temp.resolve("parent"));
        Path folder = parent.resolve("d".repeat(300)); // too long a name: the final move fails

        assertThatThrownBy(() -> ProjectTemplate.write(folder, "demo", "demo"))
                .isInstanceOf(ProjectException.class)
                .hasMessageStartingWith("cannot create the project: folder=\"" + folder + "\"");
        try (Stream<Path> files = Files.list(parent)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void project_name_that_would_break_the_files_is_refused() {
        assertThatThrownBy(() -> ProjectTemplate.write(temp.resolve("x"), "my \"project\"", "demo"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("project name \"my \"project\"\" is not valid — use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit, e.g. \"builder\"");
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void database_name_couchdb_refuses_is_refused() {
        assertThatThrownBy(() -> ProjectTemplate.write(temp.resolve("x"), "x", "Builds"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("database name \"Builds\" is not valid for CouchDB — use a lowercase letter, then lowercase"
                        + " letters, digits or _$()+-/, e.g. \"builder\"");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
