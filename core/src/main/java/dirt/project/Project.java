package dirt.project;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dirt project folder: {@code settings.toml}, the task sources under {@code tasks/} (extra jars in
 * {@code tasks/lib/}) and dirt's own files under {@code .dirt/}. Reading the settings is {@code dirt.config}'s job.
 *
 * @param dir the project folder, absolute and normalized
 */
public record Project(Path dir) {
    /** The settings file's name. */
    public static final String SETTINGS_FILE = "settings.toml";

    public Project {
        requireNonNull(dir, "project dir is null");
        dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The project in {@code dir}, which must hold a {@code settings.toml}.
     *
     * @throws ProjectException if it does not
     */
    public static Project open(Path dir) {
        Project project = new Project(dir);
        if (!Files.isRegularFile(project.settingsFile())) {
            throw new ProjectException(String.format(
                    "not a dirt project: folder=\"%s\" has no %s — cd into a project folder, pass --project, or"
                            + " create one with 'dirt create NAME'",
                    project.dir(), SETTINGS_FILE));
        }
        return project;
    }

    /** {@code settings.toml}. */
    public Path settingsFile() {
        return dir.resolve(SETTINGS_FILE);
    }

    /** {@code tasks/}: the task sources, {@code tasks/examples/Simple.java} for task {@code examples.simple}. */
    public Path tasksDir() {
        return dir.resolve("tasks");
    }

    /** {@code tasks/lib/}: jars the tasks use. */
    public Path libDir() {
        return tasksDir().resolve("lib");
    }

    /** {@code .dirt/build/}: compiled task jars. */
    public Path buildDir() {
        return dir.resolve(".dirt").resolve("build");
    }
}
