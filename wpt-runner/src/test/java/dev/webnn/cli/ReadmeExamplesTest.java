package dev.webnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java samples in README.md compile against the project and print what they promise. */
class ReadmeExamplesTest {
    private static final Pattern SAMPLE = Pattern.compile(
            "<!-- compiled and run by ReadmeExamplesTest -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmeJavaSamplesCompileAndRun(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        Matcher matcher = SAMPLE.matcher(readme);
        List<String> classes = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        while (matcher.find()) {
            String source = matcher.group(1);
            Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
            assertTrue(name.find(), source);
            Path file = dir.resolve(name.group(1) + ".java");
            Files.writeString(file, source);
            classes.add(name.group(1));
            sources.add(file.toString());
        }
        assertEquals(List.of("EmbedWebNN", "EngineOnly"), classes);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        int status = compiler.run(null, null, new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                diagnostics.write(b);
            }
        }), args.toArray(String[]::new));
        assertEquals(0, status, diagnostics.toString());

        assertEquals("relu = 0, 0, 2", runMain(dir, "EmbedWebNN"));
        assertEquals("relu(a x b) = 1.0, 0.0, 3.0, 8.0", runMain(dir, "EngineOnly"));
    }

    private static String runMain(Path dir, String className) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeExamplesTest.class.getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }
}
