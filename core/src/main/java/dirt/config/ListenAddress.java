package dirt.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a server of dirt listens: {@code HOST:PORT} as written in {@code settings.toml}, an IPv6 address in brackets
 * ({@code "[::1]:9464"}). Port 0 asks the system for a free port.
 */
public record ListenAddress(String host, int port) {
    public ListenAddress {
        requireNonNull(host, "host is null");
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("expected HOST:PORT with a port from 0 to 65535, got " + host + ":"
                    + port);
        }
    }

    /**
     * Parses {@code HOST:PORT}, e.g. {@code 127.0.0.1:9464}, {@code 0.0.0.0:9464} or {@code [::1]:9464}.
     *
     * @param examples what a good value looks like, for the message, e.g. {@code "127.0.0.1:9464" or "[::1]:9464"}
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static ListenAddress parse(String text, String examples) {
        requireNonNull(text, "text is null");
        String stripped = text.strip();
        int colon = stripped.lastIndexOf(':');
        String host = colon < 0 ? "" : stripped.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = "";
        }
        String port = colon < 0 ? "" : stripped.substring(colon + 1);
        if (host.isBlank() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("expected HOST:PORT like " + examples + ", got \"" + text + "\"");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    /** {@code HOST:PORT} as written in {@code settings.toml}, an IPv6 address in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
