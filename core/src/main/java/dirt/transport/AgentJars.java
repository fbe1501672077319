package dirt.transport;

import dirt.agent.Main;
import dirt.api.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the agent jar to ship to nodes: the jar {@code dirt.agent.Main} was loaded from when that is the runnable agent
 * (the distribution's {@code lib/}, or the shaded artifact in a build); otherwise (class folders when tests run before
 * packaging, or an agent jar without the task API) a runnable jar packed from the agent's and the task API's classes
 * into a cache folder, named by its hash and reused while the classes are unchanged.
 */
public final class AgentJars {
    static final String MAIN_CLASS = "dirt.agent.Main";
    private static final String MAIN_ENTRY = "dirt/agent/Main.class";
    private static final String API_ENTRY = "dirt/api/Task.class";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private AgentJars() {}

    /**
     * The agent jar of this dirt.
     *
     * @param cacheDir where to put a packed jar when there is no runnable one, e.g. {@code ~/.cache/dirt/agent}
     * @throws TransportException when the agent's classes cannot be found or the packed jar cannot be written
     */
    public static AgentJar locate(Path cacheDir) {
        return locate(location(Main.class), location(Task.class), cacheDir);
    }

    /** The agent jar from the agent's classes at {@code agent} and the task API's at {@code api} (folders or jars). */
    static AgentJar locate(Path agent, Path api, Path cacheDir) {
        try {
            if (isRunnableAgent(agent)) {
                return new AgentJar(agent, sha256(Files.readAllBytes(agent)));
            }
            return pack(agent, api, cacheDir);
        } catch (IOException e) {
            throw new TransportException(String.format("cannot prepare dirt's agent jar: agent=\"%s\" api=\"%s\""
                    + " cacheDir=\"%s\" cause=\"%s\" — check that the cache folder is writable, or reinstall dirt",
                    agent, api, cacheDir, e), e);
        }
    }

    /** Whether {@code path} is a jar that runs the agent alone: it has the agent, the task API and the Main-Class. */
    static boolean isRunnableAgent(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest != null && MAIN_CLASS.equals(manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
                    && jar.getEntry(MAIN_ENTRY) != null && jar.getEntry(API_ENTRY) != null;
        }
    }

    private static AgentJar pack(Path agent, Path api, Path cacheDir) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        readEntries(api, entries);
        readEntries(agent, entries);
        if (!entries.containsKey(MAIN_ENTRY)) {
            throw new IOException("no " + MAIN_ENTRY + " in " + agent);
        }
        byte[] jar = jar(entries);
        String sha256 = sha256(jar);
        Path target = cacheDir.resolve("dirt-agent-" + sha256 + ".jar");
        if (!Files.isRegularFile(target) || Files.size(target) != jar.length) {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempFile(cacheDir, "dirt-agent-", ".tmp");
            try {
                Files.write(temp, jar);
                moveAtomically(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return new AgentJar(target, sha256);
    }

    /** Reads the files of a class folder or a jar, leaving out manifests, signatures and build metadata. */
    private static void readEntries(Path source, Map<String, byte[]> entries) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String name = source.relativize(file).toString().replace('\\', '/');
                    if (wanted(name)) {
                        entries.put(name, Files.readAllBytes(file));
                    }
                }
            }
            return;
        }
        try (InputStream file = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory() && wanted(entry.getName())) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
    }

    private static boolean wanted(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return !upper.equals("META-INF/MANIFEST.MF") && !upper.startsWith("META-INF/MAVEN/")
                && !upper.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)") && !name.endsWith("module-info.class");
    }

    /** A jar of {@code entries} whose bytes depend on nothing else: sorted names, fixed times. */
    private static byte[] jar(Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        manifest.getMainAttributes().putValue("Created-By", "dirt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.putNextEntry(entry(JarFile.MANIFEST_NAME));
            manifest.write(out);
            out.closeEntry();
            for (Map.Entry<String, byte[]> file : entries.entrySet()) {
                out.putNextEntry(entry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static JarEntry entry(String name) {
        JarEntry entry = new JarEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Where {@code type}'s classes are: a jar or a class folder. */
    static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        throw new TransportException(String.format("cannot locate dirt's agent: the classes of %s are not in a jar or"
                + " a folder (location=\"%s\") — reinstall dirt", type.getName(),
                source == null ? null : source.getLocation()));
    }
}
