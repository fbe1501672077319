package dirt.transport.ssh;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import dirt.config.SshSettings;
import dirt.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies the OpenSSH client config to a host alias: {@code HostName}, {@code Port}, {@code User},
 * {@code IdentityFile}, {@code UserKnownHostsFile}, {@code StrictHostKeyChecking}, {@code HashKnownHosts},
 * {@code IdentitiesOnly}. Host patterns are matched as OpenSSH does (first value wins); {@code Match} blocks and
 * {@code Include} are not supported. A missing config file means no aliases.
 */
final class SshConfigResolver {
    static final List<String> DEFAULT_IDENTITIES = List.of(".ssh/id_ed25519", ".ssh/id_ecdsa", ".ssh/id_rsa");

    private SshConfigResolver() {
    }

    static SshTarget resolve(String alias, SshSettings settings, HostKeyPolicy policy, LocalUser local) {
        ConfigRepository.Config config = read(settings.config()).getConfig(alias);
        String host = value(config, "HostName").map(name -> name.replace("%h", alias)).orElse(alias);
        int port = port(config, alias, settings.config());
        String user = value(config, "User").orElse(local.name());
        Tokens tokens = new Tokens(alias, host, port, user, local);
        List<Path> knownHosts = value(config, "UserKnownHostsFile").map(files -> paths(files, tokens))
                .orElse(List.of(settings.knownHosts()));
        boolean acceptUnknown = policy == HostKeyPolicy.ACCEPT_NEW || value(config, "StrictHostKeyChecking")
                .map(SshConfigResolver::acceptsUnknownKeys).orElse(!settings.strictHostKeyChecking());
        return new SshTarget(alias, host, port, user, identities(config, settings, tokens), knownHosts,
                acceptUnknown, yes(config, "HashKnownHosts"), yes(config, "IdentitiesOnly"));
    }

    private static ConfigRepository read(Path file) {
        if (!Files.exists(file)) {
            return ConfigRepository.nullConfig;
        }
        try {
            return OpenSSHConfig.parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new TransportException("cannot read the ssh config: path=\"" + file + "\" cause=\"" + e.getMessage()
                    + "\" — fix the file, or point dirt at another one with --ssh-config or DIRT_SSH_CONFIG", e);
        }
    }

    private static int port(ConfigRepository.Config config, String alias, Path file) {
        Optional<String> port = value(config, "Port");
        try {
            int number = port.map(Integer::parseInt).orElse(SshTarget.DEFAULT_PORT);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TransportException("invalid Port in the ssh config: node=\"" + alias + "\" port=\"" + port.get()
                + "\" path=\"" + file + "\" — set a number between 1 and 65535");
    }

    private static List<Path> identities(ConfigRepository.Config config, SshSettings settings, Tokens tokens) {
        List<Path> files = new ArrayList<>();
        String[] configured = config.getValues("IdentityFile");
        for (String file : configured == null ? new String[0] : configured) {
            files.add(tokens.expand(unquote(file)));
        }
        files.addAll(settings.identities());
        if (files.isEmpty()) {
            DEFAULT_IDENTITIES.stream().map(tokens.local().home()::resolve).filter(Files::isRegularFile)
                    .forEach(files::add);
        }
        return files.stream().distinct().toList();
    }

    private static List<Path> paths(String value, Tokens tokens) {
        if (value.equalsIgnoreCase("none")) {
            return List.of(Path.of("/dev/null"));
        }
        return Arrays.stream(value.trim().split("\\s+")).map(SshConfigResolver::unquote).map(tokens::expand)
                .toList();
    }

    private static boolean acceptsUnknownKeys(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "no", "off", "false", "accept-new" -> true;
            default -> false;
        };
    }

    private static boolean yes(ConfigRepository.Config config, String key) {
        return value(config, key).map(value -> value.equalsIgnoreCase("yes")).orElse(false);
    }

    private static Optional<String> value(ConfigRepository.Config config, String key) {
        return Optional.ofNullable(config.getValue(key)).map(SshConfigResolver::unquote).filter(v -> !v.isBlank());
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** OpenSSH's {@code ~} and {@code %} tokens in file names. */
    private record Tokens(String alias, String host, int port, String user, LocalUser local) {
        Path expand(String file) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < file.length(); i++) {
                char c = file.charAt(i);
                if (c != '%' || i + 1 == file.length()) {
                    out.append(c);
                    continue;
                }
                char token = file.charAt(++i);
                out.append(switch (token) {
                    case '%' -> "%";
                    case 'd' -> local.home().toString();
                    case 'h' -> host;
                    case 'n' -> alias;
                    case 'p' -> Integer.toString(port);
                    case 'r' -> user;
                    case 'u' -> local.name();
                    default -> "%" + token;
                });
            }
            String expanded = out.toString();
            if (expanded.equals("~")) {
                return local.home();
            }
            return expanded.startsWith("~/") ? local.home().resolve(expanded.substring(2)) : Path.of(expanded);
        }
    }
}
