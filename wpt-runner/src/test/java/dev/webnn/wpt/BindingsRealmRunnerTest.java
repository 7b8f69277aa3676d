package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner with the WebNN bindings' realms: the harness contract and navigator.ml. */
class BindingsRealmRunnerTest extends RunnerContract {
    @Override
    WptRealm.Factory newFactory() {
        return new BindingsRealms();
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
}
