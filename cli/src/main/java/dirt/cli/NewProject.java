package dirt.cli;

import dirt.DirtException;
import dirt.config.SettingsLoader;
import dirt.project.template.ProjectTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a new project folder; a --couch URL given on the command line is remembered in its settings.toml. */
final class NewProject {
    private static final String DEFAULT_URL_LINE = "url = \"http://127.0.0.1:5984\"";

    private NewProject() {}

    static void write(CliContext cli, Path folder, String name, String database) {
        DatabaseName.requireValid(database);
        ProjectTemplate.write(folder, name, database);
        if (cli.global().couchUrl != null) {
            rememberCouchUrl(folder.resolve(SettingsLoader.FILE_NAME), cli.global().couchUrl.strip());
        }
        cli.out().printf("Created dirt project \"%s\" in %s%n", name, folder);
    }

    /** Credentials stay out of the file: they belong in [couch] user/password or the environment. */
    private static void rememberCouchUrl(Path settings, String url) {
        try {
            URI uri = new URI(url);
            URI withoutCredentials = new URI(
                    uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
            String toml = Files.readString(settings);
            Files.writeString(settings, toml.replace(DEFAULT_URL_LINE, "url = \"" + withoutCredentials + "\""));
        } catch (URISyntaxException e) {
            throw new DirtException("the CouchDB URL from --couch is not a URL: " + e.getReason());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
