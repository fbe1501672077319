package dirt.project;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dirt.api.Task;
import dirt.api.TaskNames;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a project's {@code tasks/**}{@code /*.java} into a jar with the JDK's compiler: no build tool needed. The
 * task API and {@code tasks/lib/*.jar} are on the class path; the jar is named by the hash of its inputs and kept
 * in {@code .dirt/build/}, so an unchanged project is not compiled again.
 */
public final class TaskCompiler {
    private final Supplier<JavaCompiler> compilers;

    /** A compiler that uses the JDK's {@code javac}, looked up on the first compile that needs it. */
    public TaskCompiler() {
        this(ToolProvider::getSystemJavaCompiler);
    }

    TaskCompiler(Supplier<JavaCompiler> compilers) {
        this.compilers = requireNonNull(compilers, "compilers is null");
    }

    /**
     * The project's task jar: the cached one if the sources, lib jars and task API are unchanged, else a new one.
     *
     * @throws TaskCompileException if the tasks do not compile
     * @throws ProjectException if there is no JDK or the files cannot be read or written
     */
    public TaskJar compile(Project project) {
        requireNonNull(project, "project is null");
        TaskSources sources = TaskSources.scan(project);
        Path api = taskApiLocation();
        String hash = sources.hash(api);
        Path jar = project.buildDir().resolve("tasks-" + hash + ".jar");
        Optional<List<String>> cached = TaskJarFiles.readTaskNames(jar);
        List<String> taskNames = cached.isPresent() ? cached.get() : build(sources, api, jar);
        return new TaskJar(jar, hash, sources.libs(), taskNames);
    }

    /** Where the task API classes are: the dirt-task-api jar, or a classes folder when run from a build. */
    static Path taskApiLocation() {
        CodeSource source = Task.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new ProjectException(
                    "cannot locate the dirt task API (dirt-task-api jar) to compile tasks against — reinstall dirt");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ProjectException(String.format(
                    "cannot locate the dirt task API: location=\"%s\" is not a file — reinstall dirt",
                    source.getLocation()), e);
        }
    }

    private List<String> build(TaskSources sources, Path api, Path jar) {
        Project project = sources.project();
        Path work = null;
        try {
            Files.createDirectories(project.buildDir());
            work = Files.createTempDirectory(project.buildDir(), "compile-");
            Path classes = Files.createDirectory(work.resolve("classes"));
            if (!sources.sources().isEmpty()) {
                javac(sources, api, classes);
            }
            List<String> taskNames = findTasks(classes, sources.libs());
            TaskJarFiles.write(classes, taskNames, jar);
            return taskNames;
        } catch (IOException e) {
            throw new ProjectException(String.format(
                    "cannot build the task jar: jar=\"%s\" cause=\"%s\" — check that the project folder is writable",
                    jar, e), e);
        } finally {
            TempFolder.deleteQuietly(work);
        }
    }

    private void javac(TaskSources sources, Path api, Path classes) throws IOException {
        JavaCompiler javac = compilers.get();
        if (javac == null) {
            throw new ProjectException(String.format(
                    "compiling tasks needs a JDK, but java.home=\"%s\" is a JRE without the Java compiler — run dirt"
                            + " with a JDK 17 or newer (set JAVA_HOME)",
                    System.getProperty("java.home")));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
            List<String> options = List.of(
                    "--release", "17",
                    "-encoding", "UTF-8",
                    "-proc:none",
                    "-d", classes.toString(),
                    "-classpath", classpath(api, sources.libs()));
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources.sources());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> format(sources.project(), d))
                    .collect(Collectors.toList());
            if (!ok || !errors.isEmpty()) {
                throw new TaskCompileException(sources.project(), errors.isEmpty()
                        ? List.of("error: javac failed without saying why")
                        : errors);
            }
        }
    }

    private static String classpath(Path api, List<Path> libs) {
        List<String> entries = new ArrayList<>();
        entries.add(api.toString());
        libs.forEach(lib -> entries.add(lib.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static String format(Project project, Diagnostic<? extends JavaFileObject> diagnostic) {
        StringBuilder line = new StringBuilder();
        if (diagnostic.getSource() != null) {
            Path file = Path.of(diagnostic.getSource().toUri());
            line.append(TaskSources.unixPath(project.dir().relativize(file)));
            if (diagnostic.getLineNumber() != Diagnostic.NOPOS) {
                line.append(':').append(diagnostic.getLineNumber());
            }
            line.append(": ");
        }
        return line.append("error: ").append(diagnostic.getMessage(Locale.ROOT)).toString();
    }

    /** The task names of the public, concrete classes that implement {@link Task}, sorted. */
    private static List<String> findTasks(Path classes, List<Path> libs) throws IOException {
        List<String> classNames = topLevelClasses(classes);
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        classpath.addAll(libs);
        List<String> taskNames = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls(classpath), Task.class.getClassLoader())) {
            for (String className : classNames) {
                if (isTask(loader, className)) {
                    taskNames.add(TaskNames.taskName(className));
                }
            }
        }
        taskNames.sort(Comparator.naturalOrder());
        return taskNames;
    }

    private static boolean isTask(ClassLoader loader, String className) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            int modifiers = type.getModifiers();
            return Task.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(modifiers)
                    && Modifier.isPublic(modifiers);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static List<String> topLevelClasses(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile)
                    .map(path -> TaskSources.unixPath(classes.relativize(path)))
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> !name.endsWith("package-info") && !name.endsWith("module-info"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static URL[] urls(List<Path> paths) throws MalformedURLException {
        URL[] urls = new URL[paths.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = paths.get(i).toUri().toURL();
        }
        return urls;
    }
}
