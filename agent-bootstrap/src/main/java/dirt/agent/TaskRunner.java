package dirt.agent;

import static java.util.Objects.requireNonNull;

import dirt.api.KwargException;
import dirt.api.Result;
import dirt.api.Task;
import dirt.api.TaskContext;
import dirt.api.TaskNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one task from a compiled task jar: loads its class in a class loader of its own (the task jar and its lib
 * jars), makes an instance with the public no-argument constructor and calls {@link Task#run(TaskContext)}; with a
 * {@link Task#check(TaskContext) check} of its own, the check before (already done: no run) and after (it decides).
 *
 * <p>Never throws for a problem of the task's making: an unknown name, a class that is no task, a constructor that
 * fails or a task that throws all come back as {@link Result#failure(String) failures} whose reason says what to fix;
 * a thrown exception's stack trace is in the result's {@value #STACK_TRACE} field.
 *
 * <p>It runs the task on the calling thread, in the calling JVM. The agent calls it in a worker JVM of its own
 * ({@code WorkerMain}), so that a timeout or a cancel can end the task with everything it started; tests of task jars
 * may call it directly.
 */
public final class TaskRunner {
    /** The result field that holds the stack trace of an exception a task threw. */
    public static final String STACK_TRACE = "stack_trace";

    /** Runs {@code taskName} from a task jar that needs no lib jars; see the method with libs. */
    public Result run(Path taskJar, String taskName, Map<String, ?> kwargs, Path workDir) {
        return run(taskJar, List.of(), taskName, kwargs, workDir);
    }

    /**
     * Runs {@code taskName} with {@code kwargs} in {@code workDir} (created if missing); log lines go to standard
     * error.
     */
    public Result run(Path taskJar, List<Path> libs, String taskName, Map<String, ?> kwargs, Path workDir) {
        TaskContext context;
        try {
            context = TaskContext.builder(taskName).kwargs(kwargs).workDir(workDir).build();
        } catch (IllegalArgumentException e) {
            return Result.failure(String.format("task \"%s\" cannot start: %s", taskName, e.getMessage()));
        }
        return run(taskJar, libs, context);
    }

    /**
     * Runs the task {@code context} names with that context.
     *
     * @param taskJar the jar of compiled tasks
     * @param libs the jars the tasks need besides the task API, e.g. the project's {@code tasks/lib/*.jar}
     */
    public Result run(Path taskJar, List<Path> libs, TaskContext context) {
        requireNonNull(taskJar, "taskJar is null");
        requireNonNull(context, "context is null");
        List<Path> classpath = new ArrayList<>();
        classpath.add(taskJar);
        classpath.addAll(requireNonNull(libs, "libs is null"));
        for (Path jar : classpath) {
            if (!Files.isRegularFile(jar)) {
                return Result.failure(String.format(
                        "task \"%s\" cannot start: jar=\"%s\" does not exist — compile the project's tasks again",
                        context.taskName(), jar));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls(classpath), TaskRunner.class.getClassLoader())) {
            Files.createDirectories(context.workDir());
            return runIn(loader, context);
        } catch (IOException e) {
            return Result.failure(String.format(
                    "task \"%s\" cannot start: %s — check the work folder workDir=\"%s\"",
                    context.taskName(), e, context.workDir()));
        }
    }

    private static Result runIn(URLClassLoader loader, TaskContext context) {
        String name = context.taskName();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Task task = instantiate(loader, name);
            boolean checked = overridesCheck(task.getClass());
            if (checked && task.check(context)) {
                return Result.success().with("already_done", true);
            }
            Result result = task.run(context);
            if (result == null) {
                return Result.failure(String.format(
                        "task \"%s\" returned null — return Result.success() or Result.failure(reason)", name));
            }
            if (!checked) {
                return result;
            }
            return result.recheckedAs(task.check(context), "recheck failed after run() returned "
                    + result.reason().map(reason -> "a failure (" + reason + ")").orElse("success"));
        } catch (TaskLoadException e) {
            Result failure = Result.failure(e.getMessage());
            return e.getCause() == null ? failure : failure.with(STACK_TRACE, stackTrace(e.getCause()));
        } catch (InterruptedException e) {
            thread.interrupt();
            return Result.failure(String.format("task \"%s\" was interrupted", name));
        } catch (KwargException e) {
            return Result.failure(String.format("task \"%s\": %s", name, e.getMessage()))
                    .with(STACK_TRACE, stackTrace(e));
        } catch (ExceptionInInitializerError e) {
            return Result.failure(String.format("task \"%s\": its class's static initializer threw %s", name,
                    e.getCause() == null ? e : e.getCause())).with(STACK_TRACE, stackTrace(e));
        } catch (Exception | LinkageError | StackOverflowError e) {
            return Result.failure(String.format("task \"%s\" threw %s", name, e))
                    .with(STACK_TRACE, stackTrace(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Whether the task's class has a check of its own ({@link Task#check}); the default one is never called. */
    private static boolean overridesCheck(Class<?> type) {
        try {
            return type.getMethod("check", TaskContext.class).getDeclaringClass() != Task.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Task instantiate(ClassLoader loader, String name) {
        Class<?> type = findClass(loader, name);
        if (!Task.class.isAssignableFrom(type)) {
            throw new TaskLoadException(String.format(
                    "task \"%s\": class %s does not implement dirt.api.Task — add 'implements Task' to it",
                    name, type.getName()));
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new TaskLoadException(String.format(
                    "task \"%s\": class %s is abstract — make it a concrete class", name, type.getName()));
        }
        Constructor<?> constructor = publicNoArgConstructor(type, name);
        try {
            return (Task) constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new TaskLoadException(String.format(
                    "task \"%s\": the constructor of %s threw %s", name, type.getName(), cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new TaskLoadException(String.format(
                    "task \"%s\": cannot create %s: %s", name, type.getName(), e), e);
        }
    }

    private static Class<?> findClass(ClassLoader loader, String name) {
        List<String> candidates;
        try {
            candidates = TaskNames.classNameCandidates(name);
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException("unknown task: " + e.getMessage());
        }
        for (String className : candidates) {
            try {
                return Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                continue;
            }
        }
        throw new TaskLoadException(String.format(
                "unknown task \"%s\": no class %s in the task jar (expected tasks/%s)",
                name, candidates.get(0), TaskNames.sourceFile(name)));
    }

    private static Constructor<?> publicNoArgConstructor(Class<?> type, String name) {
        try {
            Constructor<?> constructor = type.getConstructor();
            if (Modifier.isPublic(type.getModifiers())) {
                return constructor;
            }
        } catch (NoSuchMethodException e) {
            // reported below
        }
        throw new TaskLoadException(String.format(
                "task \"%s\": class %s needs to be public with a public no-argument constructor", name, type.getName()));
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("cannot make a URL of jar=\"" + jars.get(i) + "\"", e);
            }
        }
        return urls;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** A task that cannot be loaded; its message is the failure reason. */
    private static final class TaskLoadException extends RuntimeException {
        TaskLoadException(String message) {
            super(message);
        }

        TaskLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
