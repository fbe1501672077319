package dirt.serve;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a serve process is: its name ({@code --name}), host and process (pid and start time). Written on every slot it
 * holds and every task it runs, so that another server can tell a dead holder from a live one: a holder on the same
 * host whose process is gone is dead at once; any other holder is dead when it stops renewing its lease.
 */
public record ServerId(String name, String host, long pid, long processStart) {
    public ServerId {
        requireNonNull(name, "name is null");
        requireNonNull(host, "host is null");
    }

    /** This JVM, serving under {@code name} on {@code host}. */
    static ServerId current(String name, String host) {
        ProcessHandle self = ProcessHandle.current();
        return new ServerId(name, host, self.pid(), startOf(self));
    }

    /** As written on documents: {@code name@host:pid}. */
    public String label() {
        return name + "@" + host + ":" + pid;
    }

    /** Whether this server's process is known to be gone: it ran on {@code host} and no such process lives there. */
    public boolean isDeadOn(String localHost) {
        if (!host.equals(localHost)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive() || startOf(process.get()) != processStart;
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
