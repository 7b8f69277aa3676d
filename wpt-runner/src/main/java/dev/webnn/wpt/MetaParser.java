package dev.webnn.wpt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code // META: key=value} lines at the top of a WPT script test, the way wpt's manifest tool does:
 * reading stops at the first line that is not a META line.
 */
public final class MetaParser {
    private static final Pattern META = Pattern.compile("^//\\s*META:\\s*(\\w*)=(.*)$");

    private MetaParser() {
    }

    public static TestMeta parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static TestMeta parse(String source) {
        String title = null;
        String global = null;
        List<String> variants = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        boolean longTimeout = false;
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            Matcher m = META.matcher(line);
            if (!m.matches()) {
                break;
            }
            String key = m.group(1);
            String value = m.group(2).strip();
            switch (key) {
                case "title" -> title = value;
                case "global" -> global = value;
                case "variant" -> variants.add(value);
                case "script" -> scripts.add(value);
                case "timeout" -> longTimeout = "long".equals(value);
                default -> {
                    // Other keys (e.g. quic) do not change how this runner runs a test.
                }
            }
        }
        if (variants.isEmpty()) {
            variants.add("");
        }
        return new TestMeta(title, parseGlobals(global), variants, scripts, longTimeout);
    }

    /**
     * Expands a {@code global=} value: {@code worker} is every worker kind, {@code default} (and an absent value)
     * is window and dedicatedworker, a {@code -name} entry removes; unknown names (shadowrealm, jsshell) add nothing.
     */
    public static Set<WptGlobal> parseGlobals(String value) {
        EnumSet<WptGlobal> result = EnumSet.noneOf(WptGlobal.class);
        if (value == null || value.isBlank()) {
            return EnumSet.of(WptGlobal.WINDOW, WptGlobal.DEDICATED_WORKER);
        }
        List<String> removed = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.strip();
            if (name.startsWith("-")) {
                removed.add(name.substring(1));
                continue;
            }
            result.addAll(expand(name));
        }
        for (String name : removed) {
            result.removeAll(expand(name));
        }
        return result;
    }

    private static Set<WptGlobal> expand(String name) {
        return switch (name) {
            case "window" -> EnumSet.of(WptGlobal.WINDOW);
            case "worker" -> EnumSet.of(WptGlobal.DEDICATED_WORKER, WptGlobal.SHARED_WORKER, WptGlobal.SERVICE_WORKER);
            case "dedicatedworker" -> EnumSet.of(WptGlobal.DEDICATED_WORKER);
            case "sharedworker" -> EnumSet.of(WptGlobal.SHARED_WORKER);
            case "serviceworker" -> EnumSet.of(WptGlobal.SERVICE_WORKER);
            case "default" -> EnumSet.of(WptGlobal.WINDOW, WptGlobal.DEDICATED_WORKER);
            default -> EnumSet.noneOf(WptGlobal.class);
        };
    }
}
