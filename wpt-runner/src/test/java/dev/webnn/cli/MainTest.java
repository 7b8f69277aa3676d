package dev.webnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, output, and clear messages instead of Java stack traces. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsAModuleWithTopLevelAwaitAndRelativeImports(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shapes.mjs"), "export const shape = [2, 2];");
        Path main = dir.resolve("main.mjs");
        Files.writeString(main, """
                import {shape} from './shapes.mjs';
                const context = await navigator.ml.createContext();
                const builder = new MLGraphBuilder(context);
                const x = builder.input('x', {dataType: 'float32', shape});
                const graph = await builder.build({y: builder.mul(x, x)});
                const input = await context.createTensor({dataType: 'float32', shape, writable: true});
                const output = await context.createTensor({dataType: 'float32', shape, readable: true});
                context.writeTensor(input, new Float32Array([1, 2, 3, 4]));
                context.dispatch(graph, {x: input}, {y: output});
                console.log(scriptArgs.join('+'), Array.from(new Float32Array(await context.readTensor(output))));
                """);
        assertEquals(0, main("run", main.toString(), "a", "b"), err());
        assertTrue(out().contains("a+b [ 1, 4, 9, 16 ]"), out());
    }

    @Test
    void runsAClassicScript(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("hello.js");
        Files.writeString(script, "setTimeout(() => console.log('later', typeof navigator.ml), 1); console.log('now');");
        assertEquals(0, main("run", script.toString()), err());
        assertEquals("now\nlater object\n", out());
    }

    @Test
    void aMissingFileIsAClearUserError() {
        assertEquals(2, main("run", "/no/such/file.mjs"));
        assertEquals("webnn run: no such file: /no/such/file.mjs\n", err());
    }

    @Test
    void aSyntaxErrorNamesTheFileWithoutAJavaTrace(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("broken.mjs");
        Files.writeString(script, "const x = ;\n");
        assertEquals(1, main("run", script.toString()));
        assertTrue(err().contains("SyntaxError"), err());
        assertTrue(err().contains("broken.mjs"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void aThrowingModuleExitsOneWithTheJsStack(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("throws.mjs");
        Files.writeString(script, "function deep() { throw new RangeError('too far'); }\ndeep();\n");
        assertEquals(1, main("run", script.toString()));
        assertTrue(err().contains("RangeError: too far"), err());
        assertTrue(err().contains("throws.mjs:1"), err());
        assertFalse(err().contains("dev.webnn"), err());
    }

    @Test
    void anUnhandledRejectionExitsOne(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("rejects.mjs");
        Files.writeString(script, "await null; Promise.reject(new TypeError('nobody caught me'));\n");
        assertEquals(1, main("run", script.toString()));
        assertTrue(err().contains("TypeError: nobody caught me"), err());
    }

    @Test
    void aWebnnErrorInsideAModuleIsTheSpecsError(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("invalid.mjs");
        Files.writeString(script, """
                const context = await navigator.ml.createContext();
                const builder = new MLGraphBuilder(context);
                const a = builder.input('a', {dataType: 'float32', shape: [2]});
                const b = builder.input('b', {dataType: 'float32', shape: [3]});
                builder.add(a, b, {label: 'sum'});
                """);
        assertEquals(1, main("run", script.toString()));
        assertTrue(err().contains("TypeError: [sum]"), err());
    }

    @Test
    void unknownCommandsAndNoArgumentsPrintUsage() {
        assertEquals(2, main());
        assertTrue(err().contains("usage: webnn"), err());
        assertEquals(2, main("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void infoNamesTheJdkTheJitAndTheBackends() {
        assertEquals(0, main("info"), err());
        assertTrue(out().contains("JDK          "), out());
        assertTrue(out().contains("JS JIT       "), out());
        assertTrue(out().contains("deviceType cpu -> backend"), out());
    }
}
