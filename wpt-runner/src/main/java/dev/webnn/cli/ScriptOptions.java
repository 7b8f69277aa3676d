package dev.webnn.cli;

import dev.webnn.engine.backend.Backends;
import dev.webnn.js.FolderResources;
import dev.webnn.js.HttpResources;
import dev.webnn.js.RealmOptions;
import dev.webnn.js.ResourceLoader;
import dev.webnn.js.WebApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code run} and {@code graph} share: the script to run, where it lives (a page URL, a site root, a base URL
 * that maps to that root), what it may read or fetch, the backend and whether the compatibility shims are on.
 */
final class ScriptOptions {
    static final String HELP = """
              --root DIR          the site root: readable, and served under --base-url (default: the script's folder)
              --read DIR          one more readable folder (repeatable)
              --base-url URL      serve --root under URL, e.g. http://localhost:8080/ (no server: fetch and import
                                  of URLs below it read the files)
              --page URL|PATH     location.href, which relative fetch() URLs resolve against: a URL, or a path
                                  below --root (default: the script's own URL)
              --allow-net[=HOSTS] fetch and import http(s) URLs over the network (all hosts, or a comma list)
              --backend NAME      run every MLContext on this backend (%s)
              --strict            no shims for older WebNN API shapes (see README "Compatibility")
              --timeout SECONDS   stop the script after this long
            """.formatted(String.join(", ", Backends.names()));

    String script;
    final List<String> scriptArgs = new ArrayList<>();
    Path root;
    final List<Path> reads = new ArrayList<>();
    String baseUrl;
    String page;
    Set<String> netHosts;
    String backend;
    boolean strict;
    long timeoutMillis = Long.MAX_VALUE / 2_000_000;

    /** A user error in the arguments: the CLI prints it with the usage and exits 2. */
    static final class UsageError extends Exception {
        /** False for a missing file or folder: the message says it all, the usage would only bury it. */
        final boolean showUsage;

        UsageError(String message) {
            this(message, true);
        }

        UsageError(String message, boolean showUsage) {
            super(message);
            this.showUsage = showUsage;
        }
    }

    /**
     * Reads one option at {@code args[i]} if it is one of ours; returns how many arguments it used, 0 if it is not
     * an option of ours.
     */
    int parseOption(String[] args, int i) throws UsageError {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        String name = eq > 0 && arg.startsWith("--") ? arg.substring(0, eq) : arg;
        if (eq > 0 && arg.startsWith("--")) {
            value = arg.substring(eq + 1);
        }
        switch (name) {
            case "--strict" -> {
                strict = true;
                return 1;
            }
            case "--allow-net" -> {
                netHosts = value == null ? Set.of() : new HashSet<>(Arrays.asList(value.split(",")));
                return 1;
            }
            case "--root", "--read", "--base-url", "--page", "--backend", "--timeout" -> {
                int used = 1;
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageError(name + " needs a value");
                    }
                    value = args[i + 1];
                    used = 2;
                }
                set(name, value);
                return used;
            }
            default -> {
                return 0;
            }
        }
    }

    private void set(String name, String value) throws UsageError {
        switch (name) {
            case "--root" -> root = folder(name, value);
            case "--read" -> reads.add(folder(name, value));
            case "--base-url" -> {
                URI uri = uri(name, value);
                if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                    throw new UsageError("--base-url needs an absolute URL such as http://localhost:8080/");
                }
                baseUrl = value.endsWith("/") ? value : value + "/";
            }
            case "--page" -> page = value;
            case "--backend" -> {
                if (!Backends.names().contains(value)) {
                    throw new UsageError("there is no backend '" + value + "'; the backends are "
                            + String.join(", ", Backends.names()));
                }
                backend = value;
            }
            case "--timeout" -> {
                try {
                    double seconds = Double.parseDouble(value);
                    if (!(seconds > 0)) {
                        throw new NumberFormatException();
                    }
                    timeoutMillis = (long) Math.ceil(seconds * 1000);
                } catch (NumberFormatException e) {
                    throw new UsageError("--timeout needs a positive number of seconds, not '" + value + "'");
                }
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private static Path folder(String option, String value) throws UsageError {
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new UsageError(option + ": no such folder: " + value, false);
        }
        return path;
    }

    private static URI uri(String option, String value) throws UsageError {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageError(option + ": not a URL: " + value);
        }
    }

    boolean isUrlScript() {
        return script.matches("(?i)https?://.*");
    }

    /** The script as a local file, checked; null for a URL script. */
    Path scriptFile() throws UsageError {
        if (isUrlScript()) {
            return null;
        }
        Path file = Path.of(script).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no such file: " + script, false);
        }
        return file;
    }

    /** The URL the script is loaded from: its file: URL, or its URL below --base-url when --root holds it. */
    URI scriptUrl() throws UsageError {
        if (isUrlScript()) {
            return uri("FILE", script);
        }
        Path file = scriptFile();
        Path site = siteRoot();
        if (baseUrl != null && file.startsWith(site)) {
            return URI.create(baseUrl).resolve(encode(site.relativize(file)));
        }
        return file.toUri();
    }

    private Path siteRoot() throws UsageError {
        if (root != null) {
            return root;
        }
        Path file = scriptFile();
        return file == null ? null : file.getParent();
    }

    private static String encode(Path relative) throws UsageError {
        try {
            return new URI(null, null, relative.toString().replace(java.io.File.separatorChar, '/'), null).getRawPath();
        } catch (URISyntaxException e) {
            throw new UsageError("cannot make a URL of " + relative);
        }
    }

    /** location.href: --page as a URL or a path below the site, else the script's URL. */
    String pageUrl() throws UsageError {
        if (page == null) {
            return scriptUrl().toString();
        }
        if (page.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return uri("--page", page).toString();
        }
        Path site = siteRoot();
        if (site == null) {
            throw new UsageError("--page " + page + " is a path, but there is no --root to find it below");
        }
        String base = baseUrl != null ? baseUrl : site.toUri().toString();
        return URI.create(base.endsWith("/") ? base : base + "/").resolve(page).toString();
    }

    RealmOptions realmOptions(java.io.PrintStream out, java.io.PrintStream err) throws UsageError {
        RealmOptions options = RealmOptions.defaults()
                .url(pageUrl())
                .console(out::println)
                .diagnostics(err::println);
        Path site = siteRoot();
        if (site != null) {
            options.readRoot(site);
        }
        reads.forEach(options::readRoot);
        ResourceLoader loader = null;
        if (baseUrl != null) {
            if (site == null) {
                throw new UsageError("--base-url needs --root, the folder to serve under it");
            }
            loader = new FolderResources(baseUrl, site, Map.of());
        }
        if (netHosts != null) {
            ResourceLoader net = new HttpResources(netHosts, Duration.ofSeconds(60));
            loader = loader == null ? net : loader.orElse(net);
        }
        options.resources(loader);
        if (backend != null) {
            options.backend(backend);
        }
        if (!strict) {
            options.enable(WebApi.LEGACY_WEBNN);
        }
        return options;
    }
}
