package dirt.localcouch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PouchDbConfigTest {
    @TempDir
    Path dir;

    @Test
    void the_admin_hash_is_the_one_pouchdb_server_computes() {
        // node: require('crypto').pbkdf2Sync('s3cret', 'abcdef0123', 10, 20, 'sha1').toString('hex')
        assertThat(PouchDbConfig.hash("s3cret", "abcdef0123", 10))
                .isEqualTo("-pbkdf2-3b3cfb89c12446cf6ebae7eda98a0b8e11d12604,abcdef0123,10");
        assertThat(PouchDbConfig.hash("s3cret")).matches("-pbkdf2-[0-9a-f]{40},[0-9a-f]{32},10");
    }

    @Test
    void writing_turns_cors_off_sets_the_admin_and_keeps_other_settings() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"httpd\":{\"enable_cors\":true,\"port\":1},\"log\":{\"level\":\"warning\"},"
                + "\"admins\":{\"other\":\"-pbkdf2-aa,bb,10\",\"admin\":\"-pbkdf2-old,cc,10\"}}");
        LocalAdmin admin = new LocalAdmin("admin", "p4ssw0rd", dir.resolve("admin.json"));

        PouchDbConfig.write(file, Optional.of(admin));

        String config = Files.readString(file);
        assertThat(config).contains("\"enable_cors\" : false", "\"port\" : 1", "\"level\" : \"warning\"",
                "\"other\" : \"-pbkdf2-aa,bb,10\"").doesNotContain("p4ssw0rd", "-pbkdf2-old");
        assertThat(config).containsPattern("\"admin\" : \"-pbkdf2-[0-9a-f]{40},");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void without_an_admin_only_cors_is_turned_off() throws IOException {
        Path file = dir.resolve("config.json");

        PouchDbConfig.write(file, Optional.empty());

        assertThat(Files.readString(file)).contains("\"enable_cors\" : false").doesNotContain("admins");
    }

    @Test
    void a_broken_file_is_reported_with_what_to_do() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{not json");

        assertThatThrownBy(() -> PouchDbConfig.write(file, Optional.empty()))
                .isInstanceOf(LocalCouchException.class)
                .hasMessageStartingWith("cannot read pouchdb-server's configuration: file=\"" + file + "\" cause=\"")
                .hasMessageEndingWith("\" — delete the file and start the server again (dirt writes a new one; the"
                        + " databases are kept)");
    }
}
