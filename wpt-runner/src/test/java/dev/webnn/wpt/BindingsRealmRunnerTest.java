package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner with the WebNN bindings' realms: the harness contract and navigator.ml. */
class BindingsRealmRunnerTest extends RunnerContract {
    @Override
    WptRealm.Factory newFactory(ServerResources resources) {
        return new BindingsRealms(resources);
    }

    @Test
    void aWebnnGraphRuns() throws Exception {
        SampleWpt.write(root, "webnn/samples/sample-webnn-add.any.js", """
                // META: global=window,dedicatedworker
                // META: variant=?cpu

                promise_test(async () => {
                  const context = await navigator.ml.createContext({deviceType: 'cpu'});
                  const builder = new MLGraphBuilder(context);
                  const desc = {dataType: 'float32', shape: [2, 2]};
                  const a = builder.input('a', desc);
                  const b = builder.constant(desc, new Float32Array([10, 20, 30, 40]));
                  const graph = await builder.build({out: builder.add(a, b)});
                  const input = await context.createTensor({...desc, writable: true});
                  const output = await context.createTensor({...desc, readable: true});
                  context.writeTensor(input, new Float32Array([1, 2, 3, 4]));
                  context.dispatch(graph, {a: input}, {out: output});
                  const result = new Float32Array(await context.readTensor(output));
                  assert_array_equals(Array.from(result), [11, 22, 33, 44]);
                }, 'add of an input and a constant');
                """);
        List<TestResult> results = run(1, "webnn/samples/sample-webnn-add.any.js");
        assertEquals(2, results.size());
        for (TestResult r : results) {
            assertEquals("OK", r.status(), r.toString());
            assertEquals("PASS", r.subtests().get(0).status(), r.toString());
        }
    }

    @Test
    void everyScopeHasItsGlobalsAndNavigatorMl() throws Exception {
        SampleWpt.write(root, "webnn/resources/scope-helper.js", "self.scopeHelperLoaded = true;\n");
        SampleWpt.write(root, "webnn/samples/sample-scopes.any.js", """
                // META: global=window,worker
                // META: script=../resources/scope-helper.js

                const kind = location.pathname.replace(/^.*sample-scopes\\.any\\./, '');
                test(() => {
                  assert_true(self.scopeHelperLoaded, 'the META script ran first');
                  assert_equals(typeof navigator.ml, 'object');
                  assert_equals(typeof navigator.ml.createContext, 'function');
                  if (kind === 'html') {
                    assert_true(self instanceof Window);
                    assert_equals(String(navigator), '[object Navigator]');
                    assert_equals(typeof importScripts, 'undefined');
                  } else {
                    assert_true(self instanceof WorkerGlobalScope);
                    assert_equals(String(navigator), '[object WorkerNavigator]');
                    assert_equals(typeof importScripts, 'function');
                    const expected = {'worker.html': 'DedicatedWorkerGlobalScope',
                                      'sharedworker.html': 'SharedWorkerGlobalScope',
                                      'serviceworker.html': 'ServiceWorkerGlobalScope'}[kind];
                    assert_equals(typeof self[expected], 'function', expected);
                    assert_true(self instanceof self[expected], expected);
                    self.scopeHelperLoaded = false;
                    importScripts('../resources/scope-helper.js');
                    assert_true(self.scopeHelperLoaded, 'importScripts loads through the server');
                  }
                }, 'the global of ' + kind);
                """);
        List<TestResult> results = run(1, "webnn/samples/sample-scopes.any.js");
        assertEquals(List.of("/webnn/samples/sample-scopes.any.html", "/webnn/samples/sample-scopes.any.worker.html",
                "/webnn/samples/sample-scopes.any.sharedworker.html",
                "/webnn/samples/sample-scopes.any.serviceworker.html"),
                results.stream().map(TestResult::test).toList());
        for (TestResult r : results) {
            assertEquals("OK", r.status(), r.toString());
            assertEquals(1, r.subtests().size(), r.toString());
            assertEquals("PASS", r.subtests().get(0).status(), r.toString());
        }
    }

    @Test
    void fetchGoesThroughTheServerRelativeToTheTestUrl() throws Exception {
        SampleWpt.write(root, "webnn/samples/resources/sample-data.json", "{\"weights\": [1, 2, 3]}\n");
        SampleWpt.write(root, "webnn/samples/sample-fetch.any.js", """
                // META: global=window,dedicatedworker

                promise_test(async () => {
                  const response = await fetch('resources/sample-data.json');
                  assert_true(response.ok);
                  assert_equals(response.status, 200);
                  assert_true(response.url.endsWith('/webnn/samples/resources/sample-data.json'), response.url);
                  assert_equals(response.headers.get('content-type'), 'application/json');
                  assert_array_equals((await response.json()).weights, [1, 2, 3]);
                }, 'a relative fetch');

                promise_test(async () => {
                  const request = new Request('resources/sample-data.json');
                  assert_equals(request.url, location.origin + '/webnn/samples/resources/sample-data.json');
                  const headers = new Headers({'X-One': '1'});
                  assert_equals(headers.get('x-one'), '1');
                  assert_equals((await fetch(request)).status, 200);
                }, 'Request and Headers resolve against the test URL');

                promise_test(async t => {
                  assert_equals((await fetch('resources/missing.json')).status, 404);
                  await promise_rejects_js(t, TypeError, fetch('https://example.com/x.json'));
                }, 'a missing file is a 404 and another origin a network error');
                """);
        for (TestResult r : run(1, "webnn/samples/sample-fetch.any.js")) {
            assertEquals("OK", r.status(), r.toString());
            assertEquals(3, r.passedSubtests(), r.toString());
        }
    }

    @Test
    void coopAndCoepHeadersMakeTheRealmCrossOriginIsolated() throws Exception {
        String probe = """
                // META: global=window,worker

                test(() => {
                  assert_equals(self.crossOriginIsolated, %s);
                  assert_equals(typeof SharedArrayBuffer, '%s');
                }, 'isolation');
                """;
        SampleWpt.write(root, "webnn/samples/sample-isolated.any.js", probe.formatted("true", "function"));
        SampleWpt.write(root, "webnn/samples/sample-isolated.any.js.headers",
                "Cross-Origin-Embedder-Policy: require-corp\nCross-Origin-Opener-Policy: same-origin\n");
        SampleWpt.write(root, "webnn/samples/sample-not-isolated.any.js", probe.formatted("false", "undefined"));
        SampleWpt.write(root, "webnn/samples/sample-half-isolated.any.js", probe.formatted("false", "undefined"));
        SampleWpt.write(root, "webnn/samples/sample-half-isolated.any.js.headers",
                "Cross-Origin-Embedder-Policy: require-corp\n");
        List<TestResult> results = run(1, "webnn/samples/sample-isolated.any.js",
                "webnn/samples/sample-not-isolated.any.js", "webnn/samples/sample-half-isolated.any.js");
        assertEquals(12, results.size());
        for (TestResult r : results) {
            assertEquals("PASS", r.outcome(), r.toString());
        }
    }
}
