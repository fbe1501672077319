package dirt.transport.ssh;

import dirt.transport.AgentJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A stand-in agent jar for transport tests, built on the fly: it answers each stdin line on stdout. {@code pid},
 * {@code cwd} and {@code env NAME} report about its process; {@code stderr TEXT} writes TEXT to stderr; {@code hang}
 * makes it ignore stdin and sleep forever (so only a signal ends it); any other line is echoed. It exits at the end of
 * stdin. Enough to test uploading, starting and talking to an agent without the real one.
 */
public final class EchoAgentJar {
    static final String MAIN = """
            import java.io.*;
            import java.nio.charset.StandardCharsets;
            public final class EchoAgent {
                public static void main(String[] args) throws Exception {
                    System.err.println("echo agent started");
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.equals("pid")) {
                            out.println(ProcessHandle.current().pid());
                        } else if (line.equals("cwd")) {
                            out.println(new File("").getAbsolutePath());
                        } else if (line.startsWith("env ")) {
                            String value = System.getenv(line.substring(4));
                            out.println(value == null ? "(unset)" : value);
                        } else if (line.startsWith("stderr ")) {
                            System.err.println(line.substring(7));
                            System.err.flush();
                            out.println("ok");
                        } else if (line.equals("hang")) {
                            out.println("hanging");
                            while (true) {
                                Thread.sleep(60_000);
                            }
                        } else {
                            out.println(line);
                        }
                    }
                }
            }
            """;

    private EchoAgentJar() {
    }

    /** Compiles the echo agent into {@code dir/echo-agent.jar}. */
    public static AgentJar build(Path dir) {
        try {
            Path sources = Files.createDirectories(dir.resolve("echo-agent-src"));
            Path source = Files.writeString(sources.resolve("EchoAgent.java"), MAIN);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                throw new IllegalStateException("no Java compiler: run the tests with a JDK, not a JRE");
            }
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = compiler.run(null, null, errors, "--release", "17", "-d", sources.toString(),
                    source.toString());
            if (status != 0) {
                throw new IllegalStateException("cannot compile the echo agent: " + errors);
            }
            Path jar = dir.resolve("echo-agent.jar");
            writeJar(jar, Files.readAllBytes(sources.resolve("EchoAgent.class")));
            return new AgentJar(jar, sha256(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJar(Path jar, byte[] mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "EchoAgent");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("EchoAgent.class"));
            out.write(mainClass);
            out.closeEntry();
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
