package dirt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactsTest {
    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest
    @CsvSource({
        "amd64, x86_64", "x86_64, x86_64", "aarch64, aarch64", "arm64, aarch64", "x86, i686", "i386, i686",
        "arm, armv7l", "ppc64le, ppc64le", "s390x, s390x", "riscv64, riscv64", "AMD64, x86_64"
    })
    void architecture_is_spelled_as_uname_m_spells_it(String osArch, String machine) {
        assertThat(Facts.architecture(osArch)).isEqualTo(machine);
    }

    @Test
    void platform_names_system_release_machine_and_distribution() {
        Map<String, String> debian = Map.of("ID", "debian", "VERSION_ID", "12", "VERSION_CODENAME", "bookworm");

        assertThat(Facts.platform("Linux", "6.1.0-18-amd64", "x86_64", debian))
                .isEqualTo("Linux-6.1.0-18-amd64-x86_64-with-debian-12-bookworm");
        assertThat(Facts.platform("Linux", "6.6.1", "aarch64", Map.of("ID", "alpine", "VERSION_ID", "3.19.1")))
                .isEqualTo("Linux-6.6.1-aarch64-with-alpine-3.19.1");
        assertThat(Facts.platform("Linux", "5.10", "x86_64", Map.of("ID", "arch")))
                .isEqualTo("Linux-5.10-x86_64-with-arch");
    }

    @Test
    void platform_without_os_release_replaces_spaces_and_separators() {
        assertThat(Facts.platform("Mac OS X", "14.1", "aarch64", Map.of())).isEqualTo("Mac_OS_X-14.1-aarch64");
        assertThat(Facts.platform("Windows 11", "10.0", "x86_64", Map.of())).isEqualTo("Windows_11-10.0-x86_64");
    }

    @Test
    void path_is_split_at_the_separator_leaving_out_empty_entries() {
        assertThat(Facts.path("/usr/bin::/bin:", ":")).containsExactly("/usr/bin", "/bin");
        assertThat(Facts.path("C:\\bin;D:\\tools", ";")).containsExactly("C:\\bin", "D:\\tools");
        assertThat(Facts.path("", ":")).isEmpty();
    }

    @Test
    void java_version_is_the_version_and_build_without_vendor_suffix() {
        assertThat(Facts.javaVersion()).matches("\\d+(\\.\\d+)*(-\\w+)?(\\+\\d+)?")
                .startsWith(String.valueOf(Runtime.version().feature()));
    }

    @Test
    void facts_use_the_given_environment_os_release_folder_and_clock() {
        Instant now = Instant.parse("2024-01-02T03:04:05Z");
        Facts facts = new Facts(Clock.fixed(now, ZoneOffset.UTC), dir, new HostNames(Duration.ofSeconds(2)),
                Map.of("PATH", "/opt/g4/bin:/usr/bin", "G4INSTALL", "/opt/g4"),
                Map.of("NAME", "Debian GNU/Linux", "VERSION_ID", "12", "ID", "debian"));

        Map<String, Object> probed = facts.probe(List.of("PATH", "G4INSTALL"));

        assertThat(probed).containsEntry("environ", Map.of("PATH", "/opt/g4/bin:/usr/bin", "G4INSTALL", "/opt/g4"))
                .containsEntry("path", List.of("/opt/g4/bin", "/usr/bin"))
                .containsEntry("os_name", "Debian GNU/Linux").containsEntry("os_version", "12")
                .containsEntry("probed_at", now.getEpochSecond());
        assertThat((String) probed.get("platform")).endsWith("-with-debian-12");
        assertThat((Long) probed.get("disk_free_bytes")).isPositive();
    }

    @Test
    void environ_keeps_every_name_but_a_value_only_for_the_listed_names() {
        Facts facts = new Facts(Clock.systemUTC(), dir, new HostNames(Duration.ofSeconds(2)),
                Map.of("PATH", "/usr/bin", "DIRT_COUCH_PASSWORD", "hunter2", "G4INSTALL", "/opt/g4"), Map.of());

        @SuppressWarnings("unchecked")
        Map<String, Object> environ = (Map<String, Object>) facts.probe().get("environ");

        assertThat(environ).containsOnlyKeys("DIRT_COUCH_PASSWORD", "G4INSTALL", "PATH")
                .containsEntry("PATH", "/usr/bin").containsEntry("DIRT_COUCH_PASSWORD", null)
                .containsEntry("G4INSTALL", null);
        assertThat(JsonWriter.write(environ))
                .isEqualTo("{\"DIRT_COUCH_PASSWORD\":null,\"G4INSTALL\":null,\"PATH\":\"/usr/bin\"}");
    }

    @Test
    void a_secret_looking_variable_has_no_value_even_when_listed() {
        Facts facts = new Facts(Clock.systemUTC(), dir, new HostNames(Duration.ofSeconds(2)),
                Map.of("DEPLOY_TOKEN", "t0k", "aws_secret_access_key", "s3", "LANG", "C", "DB_PASS", "p",
                        "DATABASE_URL", "postgres://ci:hunter2@db/app"), Map.of());

        @SuppressWarnings("unchecked")
        Map<String, Object> environ = (Map<String, Object>) facts.probe(List.of("DEPLOY_TOKEN",
                "aws_secret_access_key", "LANG", "DB_PASS", "DATABASE_URL")).get("environ");

        assertThat(environ).containsEntry("DEPLOY_TOKEN", null).containsEntry("aws_secret_access_key", null)
                .containsEntry("DB_PASS", null).containsEntry("DATABASE_URL", null).containsEntry("LANG", "C");
        assertThat(Facts.SECRET_WORDS).as("the same list as dirt's SysInfo.SECRET_WORDS (its DriftTest)")
                .containsExactly("TOKEN", "SECRET", "PASS", "PWD", "KEY", "AUTH", "CREDENTIAL", "PRIVATE", "SESSION",
                        "COOKIE");
    }

    @Test
    void a_sample_gives_load_memory_and_the_work_folders_disk() {
        Map<String, Object> sample = new SampleOp(dir.resolve("work")).handle(null);

        assertThat(sample).containsKeys("load", "mem_total", "mem_available", "disk_free", "disk_total")
                .containsEntry("work_dir", dir.toAbsolutePath().toString());
        assertThat((Long) sample.get("mem_available")).isPositive().isLessThanOrEqualTo((Long) sample.get("mem_total"));
        assertThat((Long) sample.get("disk_free")).isPositive().isLessThanOrEqualTo((Long) sample.get("disk_total"));
    }

    @Test
    void facts_without_os_release_take_the_java_os_properties() {
        Facts facts = new Facts(Clock.systemUTC(), dir, new HostNames(Duration.ofSeconds(2)), Map.of(), Map.of());

        Map<String, Object> probed = facts.probe();

        assertThat(probed).containsEntry("os_name", System.getProperty("os.name"))
                .containsEntry("os_version", System.getProperty("os.version"))
                .containsEntry("path", List.of());
    }

    @Test
    void host_names_are_never_empty() {
        HostNames names = new HostNames(Duration.ofSeconds(2));

        String hostname = names.hostname();
        String fqdn = names.fqdn(hostname);

        assertThat(hostname).isNotBlank();
        assertThat(fqdn).isNotBlank();
        assertThat(names.ip(fqdn)).matches("[0-9a-fA-F.:%\\w]+");
    }

    @Test
    void unresolvable_host_falls_back_to_its_own_name_and_an_interface_address() {
        HostNames names = new HostNames(Duration.ofSeconds(2));

        assertThat(names.fqdn("no-such-host.invalid")).isEqualTo("no-such-host.invalid");
        assertThat(names.ip("no-such-host.invalid")).isNotBlank();
    }
}
