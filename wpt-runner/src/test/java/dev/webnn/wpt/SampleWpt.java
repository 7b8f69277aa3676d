package dev.webnn.wpt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny WPT-style checkout for the runner's tests: the real testharness.js plus this runner's own samples. */
final class SampleWpt {
    private SampleWpt() {
    }

    /** The real testharness.js the build fetched (see third_party/get-testharness.sh). */
    static Path testharness() {
        String dir = System.getProperty("webnn.testharness.dir");
        assumeTrue(dir != null, "webnn.testharness.dir is not set (run through Maven)");
        Path file = Path.of(dir, "testharness.js");
        assumeTrue(Files.isRegularFile(file), "no testharness.js in " + dir);
        return file;
    }

    static void write(Path root, String rel, String content) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    /** Writes the checkout: resources/testharness.js and webnn/ with sample tests. */
    static Path create(Path root) throws IOException {
        Files.createDirectories(root.resolve("resources"));
        Files.copy(testharness(), root.resolve("resources/testharness.js"));
        write(root, "resources/sample-absolute-helper.js", "self.absoluteHelperLoaded = true;\n");
        write(root, "webnn/resources/sample-helper.js", """
                function sampleDouble(x) { return 2 * x; }
                """);
        write(root, "webnn/samples/sample-pass.any.js", """
                // META: title=sample passing tests
                // META: global=window,dedicatedworker
                // META: script=../resources/sample-helper.js
                // META: script=/resources/sample-absolute-helper.js

                'use strict';

                test(() => {
                  assert_equals(sampleDouble(21), 42);
                }, 'a sync test using a relative META script');

                test(() => {
                  assert_true(self.absoluteHelperLoaded);
                }, 'an absolute META script was loaded');

                promise_test(async () => {
                  const v = await new Promise(resolve => setTimeout(() => resolve(7), 5));
                  assert_equals(v, 7);
                }, 'a promise test awaiting a timer');

                async_test(t => {
                  setTimeout(t.step_func_done(() => assert_true(true)), 1);
                }, 'an async test');

                test(() => {
                  assert_equals(self.GLOBAL.isWorker(), location.pathname.endsWith('.any.worker.html'));
                  assert_equals(self.GLOBAL.isWindow(), location.pathname.endsWith('.any.html'));
                }, 'GLOBAL matches the URL');
                """);
        write(root, "webnn/samples/sample-fail.any.js", """
                // META: global=window

                test(() => {}, 'passes');
                test(() => { assert_equals(1, 2, 'one is not two'); }, 'fails an assertion');
                promise_test(async () => { throw new TypeError('rejected on purpose'); }, 'rejects');
                """);
        write(root, "webnn/samples/sample-hang.any.js", """
                // META: global=window

                test(() => {}, 'finishes');
                promise_test(() => new Promise(() => {}), 'never settles');
                promise_test(async () => {}, 'queued behind the hang');
                """);
        write(root, "webnn/samples/sample-throws.any.js", """
                // META: global=window

                test(() => {}, 'registered before the error');
                throw new Error('boom at load');
                """);
        write(root, "webnn/samples/sample-variant.any.js", """
                // META: global=window
                // META: variant=?cpu
                // META: variant=?gpu

                test(() => {
                  assert_in_array(location.search, ['?cpu', '?gpu']);
                }, 'variant ' + location.search);
                """);
        write(root, "webnn/samples/sample-explicit-done.window.js", """
                setup({explicit_done: true});
                setTimeout(() => {
                  test(() => {}, 'defined late');
                  done();
                }, 20);
                """);
        return root;
    }
}
