package dirt.balance;

import static java.util.Objects.requireNonNull;

import dirt.config.BalancerKind;

/** Makes the balancer named by {@code [serve] balancer} in settings.toml. */
public final class Balancers {
    private Balancers() {
    }

    /**
     * A new balancer of the given kind, with its own state: {@code round_robin} takes the nodes with a free slot in
     * turn, by name; {@code load} prefers the node with the most headroom, its free slots less its load average
     * (see {@link LoadAwareBalancer}).
     */
    public static Balancer of(BalancerKind kind) {
        return switch (requireNonNull(kind, "kind is null")) {
            case ROUND_ROBIN -> new RoundRobinBalancer();
            case LOAD -> new LoadAwareBalancer();
        };
    }
}
