package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host's names and address as the original dirt reported them ({@code socket.gethostname()}, {@code getfqdn()},
 * {@code gethostbyname(getfqdn())}), with every name service lookup bounded in time: a host with broken DNS reports
 * its plain host name and an interface address instead of hanging.
 */
final class HostNames {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private final Duration timeout;

    HostNames(Duration timeout) {
        this.timeout = timeout;
    }

    /** The short host name: the kernel's on Linux, else from the environment or the name service. */
    String hostname() {
        try {
            if (Files.isReadable(KERNEL_HOSTNAME)) {
                String name = Files.readString(KERNEL_HOSTNAME, UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // try the others
        }
        String fromEnvironment = Optional.ofNullable(System.getenv("COMPUTERNAME")).orElse(System.getenv("HOSTNAME"));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        return bounded(() -> InetAddress.getLocalHost().getHostName()).orElse("localhost");
    }

    /** The fully qualified name of {@code hostname} per the name service; {@code hostname} itself if it has none. */
    String fqdn(String hostname) {
        Optional<String> canonical = bounded(() -> InetAddress.getByName(hostname).getCanonicalHostName());
        return canonical.filter(name -> !isAddressLiteral(name)).orElse(hostname);
    }

    /** The address {@code fqdn} resolves to; else the first address of a network interface that is up. */
    String ip(String fqdn) {
        return bounded(() -> InetAddress.getByName(fqdn).getHostAddress())
                .or(HostNames::interfaceAddress)
                .orElse("127.0.0.1");
    }

    private <T> Optional<T> bounded(Callable<T> lookup) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(lookup.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        }, "dirt-agent-lookup");
        thread.setDaemon(true);
        thread.start();
        try {
            return Optional.ofNullable(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> interfaceAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // none
        }
        return Optional.empty();
    }

    private static boolean isAddressLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }
}
