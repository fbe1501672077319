package dirt.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code [web]}: where {@code dirt web} serves the project's site, {@code listen = "HOST:PORT"} (an IPv6 address in
 * brackets: {@code "[::1]:5985"}). The default is loopback only.
 */
public record WebSettings(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5985;

    public WebSettings {
        requireNonNull(host, "host is null");
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("expected HOST:PORT with a port from 0 to 65535, got " + host + ":"
                    + port);
        }
    }

    public static WebSettings defaults() {
        return new WebSettings(DEFAULT_HOST, DEFAULT_PORT);
    }

    /**
     * Parses {@code HOST:PORT}, e.g. {@code 127.0.0.1:5985}, {@code 0.0.0.0:8080} or {@code [::1]:5985}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static WebSettings parse(String listen) {
        ListenAddress address = ListenAddress.parse(listen, "\"" + DEFAULT_HOST + ":" + DEFAULT_PORT
                + "\", \"0.0.0.0:8080\" or \"[::1]:" + DEFAULT_PORT + "\"");
        return new WebSettings(address.host(), address.port());
    }

    /** {@code HOST:PORT} as written in {@code settings.toml}, an IPv6 address in brackets. */
    public String listen() {
        return new ListenAddress(host, port).toString();
    }
}
