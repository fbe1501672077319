package dirt.transport.local;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.toSet;

import dirt.config.NodeSettings;
import dirt.transport.AgentChannel;
import dirt.transport.AgentJar;
import dirt.transport.AgentJvm;
import dirt.transport.AgentStartException;
import dirt.transport.NodeTransport;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * This machine as a node: runs dirt's agent as a child process with a JDK here (by default the one running dirt), in
 * a cache folder (the CLI passes {@code ~/.cache/dirt}) into which the agent jar is copied first, named by its hash.
 * Used by {@code dirt updatenodes --local} and the quickstart's local node.
 *
 * <p>The agent starts with a clean environment plus the variables of this process that {@code environment} names
 * ({@link NodeSettings#localAgentEnvironment()}): nothing of dirt's own environment, such as {@code
 * DIRT_COUCH_PASSWORD}, reaches the agent, its facts or its tasks. {@code DIRT_*} names are never passed on.
 */
public final class LocalTransport implements NodeTransport {
    private final Path cacheDir;
    private final Path java;
    private final List<String> jvmOptions;
    private final List<String> environment;

    /** The agent runs with the JDK running dirt, in {@code cacheDir}, with the default {@code [nodes]} names. */
    public LocalTransport(Path cacheDir) {
        this(cacheDir, NodeSettings.defaults().localAgentEnvironment());
    }

    /** The agent runs with the JDK running dirt, in {@code cacheDir}, with the variables {@code environment} names. */
    public LocalTransport(Path cacheDir, List<String> environment) {
        this(cacheDir, currentJava(), List.of(), environment);
    }

    /** With the default {@code [nodes]} names; see {@link #LocalTransport(Path, Path, List, List)}. */
    public LocalTransport(Path cacheDir, Path java, List<String> jvmOptions) {
        this(cacheDir, java, jvmOptions, NodeSettings.defaults().localAgentEnvironment());
    }

    /**
     * @param cacheDir the agent's working folder, which holds its jar (created if missing)
     * @param java the {@code java} executable to run the agent with
     * @param jvmOptions options before {@code -jar}, e.g. {@code -Xmx512m}
     * @param environment the names of this process's environment variables the agent gets; nothing else of it
     */
    public LocalTransport(Path cacheDir, Path java, List<String> jvmOptions, List<String> environment) {
        this.cacheDir = requireNonNull(cacheDir, "cacheDir is null").toAbsolutePath();
        this.java = requireNonNull(java, "java is null");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = List.copyOf(environment);
    }

    /** Variables of dirt's own (credentials among them), never passed on to the local agent. */
    static final String DIRT_PREFIX = "DIRT_";

    /** The {@code java} executable of the running JVM: {@code $java.home/bin/java}, else this process's command. */
    public static Path currentJava() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path inHome = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(inHome)) {
            return inHome;
        }
        return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
    }

    /**
     * Copies the agent jar into the cache folder unless it is there, and starts it.
     *
     * @throws AgentStartException when the jar cannot be copied or {@code java} cannot be started
     */
    @Override
    public AgentChannel start(AgentJar agent) {
        requireNonNull(agent, "agent is null");
        Path jar = cacheDir.resolve(agent.cacheName());
        boolean uploaded = install(agent, jar);
        ProcessBuilder builder = new ProcessBuilder().directory(cacheDir.toFile());
        Set<String> kept = environment.stream().filter(name -> !name.startsWith(DIRT_PREFIX)).collect(toSet());
        builder.environment().keySet().retainAll(kept);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(AgentJvm.options(builder.environment()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--serve"));
        builder.command(command);
        try {
            return new LocalChannel(builder.start(), uploaded);
        } catch (IOException e) {
            throw new AgentStartException(String.format("cannot start dirt's agent on local: java=\"%s\" cause=\"%s\""
                    + " — install a JDK 17 or newer, or set JAVA_HOME to one", java, e.getMessage()), e);
        }
    }

    /** Copies the agent jar to {@code target} unless a file of its size is there; true when it copied. */
    private boolean install(AgentJar agent, Path target) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == Files.size(agent.path())) {
                return false;
            }
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempFile(cacheDir, "dirt-agent-", ".tmp");
            try {
                Files.copy(agent.path(), temp, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            throw new AgentStartException(String.format("cannot copy dirt's agent into the cache folder: jar=\"%s\""
                    + " cacheDir=\"%s\" cause=\"%s\" — check that the folder is writable and the disk not full",
                    agent.path(), cacheDir, e), e);
        }
    }

    @Override
    public String describe() {
        return "local";
    }
}
