package dirt.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture itself, checked with the real OpenSSH client: nodes that look like two hosts, and a clean close. */
@Timeout(60)
class SshFarmTest {
    @RegisterExtension
    static final SshFarm farm = SshFarm.builder()
            .node("node-a", Map.of("G4INSTALL", "/opt/geant4"))
            .node("node-b")
            .build();

    private static String ssh(String alias, String command) {
        return Programs.run(List.of("ssh", "-F", farm.sshConfig().toString(), "-o", "BatchMode=yes", alias,
                command));
    }

    @Test
    void openssh_client_reaches_each_node_through_the_generated_config_and_known_hosts() {
        assertThat(ssh("node-a", "printf '%s|%s' \"$G4INSTALL\" \"$HOME\""))
                .isEqualTo("/opt/geant4|" + farm.node("node-a").home());
        assertThat(ssh("node-b", "printf '%s|%s' \"$G4INSTALL\" \"$HOME\""))
                .isEqualTo("|" + farm.node("node-b").home());
    }

    @Test
    void closing_a_farm_stops_its_servers_and_deletes_its_folder() {
        SshFarm other = SshFarm.builder().node("solo").build().start();
        Path dir = other.dir();
        SshNode solo = other.node("solo");
        assertThat(solo.running()).isTrue();

        other.close();

        assertThat(solo.running()).isFalse();
        assertThat(dir).doesNotExist();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(dir.toString()))).isEmpty();
    }
}
