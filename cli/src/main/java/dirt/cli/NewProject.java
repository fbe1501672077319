package dirt.cli;

import dirt.config.ConfigException;
import dirt.project.template.ProjectTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Writes a new project folder; a --couch URL given on the command line goes into its files, without credentials. */
final class NewProject {
    private NewProject() {}

    static void write(CliContext cli, Path folder, String name, String database) {
        DatabaseName.requireValid(database);
        String url = cli.global().couchUrl == null ? ProjectTemplate.DEFAULT_COUCH_URL
                : withoutCredentials(cli.global().couchUrl.strip());
        ProjectTemplate.write(folder, name, database, url);
        cli.out().printf("Created dirt project \"%s\" in %s%n", name, folder);
    }

    /** Credentials stay out of the files: they belong in [couch] user/password or the environment. */
    private static String withoutCredentials(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
                    .toString();
        } catch (URISyntaxException e) {
            throw new ConfigException("the CouchDB URL from --couch is not a URL: " + e.getReason());
        }
    }
}
