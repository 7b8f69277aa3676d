package dev.webnn.wpt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds script tests under a WPT checkout and expands them into test URLs, as wptserve serves them:
 * {@code X.any.js} once per global and variant, {@code X.window.js} as {@code X.window.html}, {@code X.worker.js}
 * as {@code X.worker.html}. Files below a {@code resources} folder are helpers, not tests.
 */
public final class TestDiscovery {
    public static final String DEFAULT_TEST = "webnn/";

    private static final String[][] HTML_TO_JS = {
        {".any.serviceworker.html", ".any.js"},
        {".any.sharedworker.html", ".any.js"},
        {".any.worker.html", ".any.js"},
        {".any.html", ".any.js"},
        {".window.html", ".window.js"},
        {".worker.html", ".worker.js"},
    };

    private final WptRootResolver resolver;

    public TestDiscovery(Path wptRoot) {
        this.resolver = new WptRootResolver(wptRoot);
    }

    /**
     * Expands TEST arguments (a file, a folder, a glob such as {@code webnn/*_tests/add.*}, {@code file?variant},
     * or a test URL such as {@code /webnn/x.any.worker.html?cpu}, all relative to the root) into test URLs,
     * without duplicates, in a stable order. No arguments means {@value #DEFAULT_TEST}.
     *
     * @throws IllegalArgumentException when an argument names nothing in the checkout
     */
    public List<WptTest> discover(List<String> args) throws IOException {
        List<String> targets = args.isEmpty() ? List.of(DEFAULT_TEST) : args;
        Map<String, WptTest> found = new LinkedHashMap<>();
        for (String arg : targets) {
            for (WptTest t : discoverOne(arg)) {
                found.putIfAbsent(t.id(), t);
            }
        }
        return new ArrayList<>(found.values());
    }

    private List<WptTest> discoverOne(String arg) throws IOException {
        String spec = arg.strip();
        String variant = null;
        int q = indexOfQuery(spec);
        if (q >= 0) {
            variant = spec.substring(q);
            spec = spec.substring(0, q);
        }
        while (spec.startsWith("/")) {
            spec = spec.substring(1);
        }
        if (isGlob(spec)) {
            return discoverGlob(arg, spec, variant);
        }
        String htmlPath = null;
        for (String[] pair : HTML_TO_JS) {
            if (spec.endsWith(pair[0])) {
                htmlPath = "/" + spec;
                spec = spec.substring(0, spec.length() - pair[0].length()) + pair[1];
                break;
            }
        }
        Path target = spec.isEmpty() ? resolver.root() : resolver.root().resolve(spec).normalize();
        if (!target.startsWith(resolver.root()) || !Files.exists(target)) {
            throw new IllegalArgumentException("no such test or folder in the WPT checkout: " + arg);
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(target)) {
            files.addAll(testFilesUnder(target));
        } else {
            if (!isTestName(target.getFileName().toString())) {
                throw new IllegalArgumentException("not a script test (.any.js, .window.js, .worker.js): " + arg);
            }
            files.add(target);
        }
        List<WptTest> tests = new ArrayList<>();
        for (Path file : files) {
            for (WptTest t : expand(file)) {
                if (variant != null && !variant.equals(t.variant())) {
                    continue;
                }
                if (htmlPath != null && !htmlPath.equals(t.path())) {
                    continue;
                }
                tests.add(t);
            }
        }
        if (tests.isEmpty() && (variant != null || htmlPath != null)) {
            throw new IllegalArgumentException("no test URL matches " + arg);
        }
        return tests;
    }

    static boolean isGlob(String spec) {
        return spec.indexOf('*') >= 0 || spec.indexOf('[') >= 0 || spec.indexOf('{') >= 0;
    }

    /** The test files in a folder and its subfolders, in path order. */
    private List<Path> testFilesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> isTestFile(resolver.root().relativize(p)))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A glob over paths relative to the root (Java's glob syntax: {@code *} within a name, {@code **} across
     * folders, {@code {a,b}}): a test URL is selected when its script's path or its own URL path matches.
     */
    private List<WptTest> discoverGlob(String arg, String glob, String variant) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        String literal = glob.substring(0, firstGlobChar(glob));
        Path base = resolver.root().resolve(literal.substring(0, literal.lastIndexOf('/') + 1)).normalize();
        List<WptTest> tests = new ArrayList<>();
        if (base.startsWith(resolver.root()) && Files.isDirectory(base)) {
            for (Path file : testFilesUnder(base)) {
                boolean fileMatches = matcher.matches(resolver.root().relativize(file));
                for (WptTest t : expand(file)) {
                    boolean urlMatches = matcher.matches(Path.of(t.path().substring(1)));
                    if ((fileMatches || urlMatches) && (variant == null || variant.equals(t.variant()))) {
                        tests.add(t);
                    }
                }
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no test matches " + arg);
        }
        return tests;
    }

    private static int firstGlobChar(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '[' || c == '{') {
                return i;
            }
        }
        return glob.length();
    }

    /**
     * Keeps the test URLs with one of the variants (empty keeps all) in one of the scopes (empty keeps all). A wanted
     * variant matches as {@link #variantMatches} says.
     */
    public static List<WptTest> filter(List<WptTest> tests, Collection<String> variants, Set<WptGlobal> scopes) {
        return tests.stream()
                .filter(t -> variants.isEmpty() || variants.stream().anyMatch(v -> variantMatches(t.variant(), v)))
                .filter(t -> scopes.isEmpty() || scopes.contains(t.global()))
                .toList();
    }

    /**
     * Whether a URL's variant is the wanted one: the whole query ({@code cpu} or {@code ?cpu} for {@code ?cpu}; the
     * empty string for URLs without a variant), one of its parameters ({@code op=add}), or a parameter's value, so
     * that {@code gpu} also selects the validation files' {@code ?op=add&device=gpu}.
     */
    static boolean variantMatches(String variant, String wanted) {
        String w = wanted.strip();
        if (w.startsWith("?") || w.startsWith("#")) {
            w = w.substring(1);
        }
        String query = variant.startsWith("?") || variant.startsWith("#") ? variant.substring(1) : variant;
        if (query.equals(w)) {
            return true;
        }
        if (w.isEmpty()) {
            return false;
        }
        for (String parameter : query.split("&")) {
            if (parameter.equals(w) || parameter.substring(parameter.indexOf('=') + 1).equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** The test URLs of one script test file. */
    public List<WptTest> expand(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        TestMeta meta = MetaParser.parse(abs);
        String urlPath = resolver.urlPath(abs);
        String urlDir = urlPath.substring(0, urlPath.lastIndexOf('/') + 1);
        String name = abs.getFileName().toString();
        List<WptTest> tests = new ArrayList<>();
        if (name.endsWith(".any.js")) {
            String stem = urlPath.substring(0, urlPath.length() - ".any.js".length());
            for (WptGlobal g : WptGlobal.values()) {
                if (meta.globals().contains(g)) {
                    for (String v : meta.variants()) {
                        tests.add(new WptTest(stem + g.anySuffix(), v, g, abs, urlDir, meta));
                    }
                }
            }
        } else if (name.endsWith(".window.js") || name.endsWith(".worker.js")) {
            boolean window = name.endsWith(".window.js");
            String stem = urlPath.substring(0, urlPath.length() - ".js".length());
            for (String v : meta.variants()) {
                tests.add(new WptTest(stem + ".html", v, window ? WptGlobal.WINDOW : WptGlobal.DEDICATED_WORKER, abs,
                        urlDir, meta));
            }
        }
        return tests;
    }

    static boolean isTestName(String name) {
        return name.endsWith(".any.js") || name.endsWith(".window.js") || name.endsWith(".worker.js");
    }

    /** A script test is any .any.js/.window.js/.worker.js file not inside a {@code resources} folder. */
    static boolean isTestFile(Path relative) {
        if (!isTestName(relative.getFileName().toString())) {
            return false;
        }
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            if (part.equals("resources") || part.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfQuery(String s) {
        int q = s.indexOf('?');
        int h = s.indexOf('#');
        if (q < 0) {
            return h;
        }
        return h < 0 ? q : Math.min(q, h);
    }
}
