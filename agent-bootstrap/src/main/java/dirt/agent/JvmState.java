package dirt.agent;

import java.lang.reflect.Field;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.HttpURLConnection;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * What of a JVM's global state a task can change, taken before and after each task in a warm worker
 * ({@link WorkerMain}): the threads, the system properties, the shutdown hooks, and the JVM-wide defaults a program
 * sets with a call (locale, time zone, {@code System.in/out/err}, uncaught exception handler, security manager,
 * security providers, and the JDK's network defaults). A task that changed any of them leaves the worker unfit for
 * another task. Static state of the task's own classes needs no check: each task gets a class loader of its own.
 */
record JvmState(List<Thread> threads, Map<Object, Object> properties, Map<String, Object> defaults,
        int shutdownHooks) {
    /** The state now. */
    static JvmState now() {
        return new JvmState(liveThreads(), new HashMap<>(System.getProperties()), currentDefaults(), hookCount());
    }

    /** What differs in {@code after}, in words; empty when nothing does. */
    List<String> changes(JvmState after) {
        List<String> changes = new ArrayList<>();
        List<Thread> started = new ArrayList<>(after.threads);
        started.removeAll(threads);
        for (Thread thread : started) {
            if (thread.isAlive() && !jdkProcessReaper(thread)) {
                changes.add(String.format("thread \"%s\" still runs%s", thread.getName(),
                        thread.isDaemon() ? " (a daemon)" : ""));
            }
        }
        if (!properties.equals(after.properties)) {
            changes.add("the system properties changed");
        }
        for (Map.Entry<String, Object> before : defaults.entrySet()) {
            if (before.getValue() != after.defaults.get(before.getKey())) {
                changes.add("the " + before.getKey() + " changed");
            }
        }
        if (shutdownHooks < 0 || shutdownHooks != after.shutdownHooks) {
            changes.add(shutdownHooks < 0 ? "the shutdown hooks cannot be counted" : "a shutdown hook was added");
        }
        return changes;
    }

    /**
     * Whether {@code thread} is one of the JDK's own threads that wait for child processes ("process reaper", with
     * "(pid N)" while it waits): they stay for a while after a task started a process, and hold nothing of the
     * task's once its processes are ended.
     */
    private static boolean jdkProcessReaper(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return thread.isDaemon() && thread.getName().startsWith("process reaper") && group != null
                && group.getParent() == null;
    }

    /** The JVM-wide defaults, each the object itself (or an interned text), so that a change is a new object. */
    @SuppressWarnings("removal")
    private static Map<String, Object> currentDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("default locale", Locale.getDefault().toLanguageTag().intern());
        defaults.put("display locale", Locale.getDefault(Locale.Category.DISPLAY).toLanguageTag().intern());
        defaults.put("format locale", Locale.getDefault(Locale.Category.FORMAT).toLanguageTag().intern());
        defaults.put("default time zone", TimeZone.getDefault().getID().intern());
        defaults.put("System.in", System.in);
        defaults.put("System.out", System.out);
        defaults.put("System.err", System.err);
        defaults.put("default uncaught exception handler", Thread.getDefaultUncaughtExceptionHandler());
        defaults.put("security manager", System.getSecurityManager());
        defaults.put("security providers", Arrays.toString(Security.getProviders()).intern());
        defaults.put("default proxy selector", ProxySelector.getDefault());
        defaults.put("default cookie handler", CookieHandler.getDefault());
        defaults.put("default authenticator", Authenticator.getDefault());
        defaults.put("default response cache", ResponseCache.getDefault());
        defaults.put("HttpURLConnection redirect default", HttpURLConnection.getFollowRedirects());
        return defaults;
    }

    private static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        while (count == threads.length) {
            threads = new Thread[threads.length * 2];
            count = root.enumerate(threads, true);
        }
        return Arrays.asList(Arrays.copyOf(threads, count));
    }

    /** How many shutdown hooks are registered; -1 when this JVM does not say. */
    private static int hookCount() {
        try {
            Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
            hooks.setAccessible(true);
            return hooks.get(null) instanceof Map<?, ?> registered ? registered.size() : -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
