package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** navigator.ml installed into an embedder's own context. */
class EmbeddingTest {
    @Test
    void installsIntoACallersContextAndLeavesItOpen() throws JsError {
        RealmOptions options = RealmOptions.defaults().backend("reference").console(line -> { });
        Context context = WebNN.configure(Context.newBuilder("js"), options).build();
        try {
            context.getBindings("js").putMember("factor", 3);
            try (Realm webnn = WebNN.install(context, options)) {
                Value sum = webnn.await(context.eval("js", """
                        (async () => {
                          const ml = await navigator.ml.createContext();
                          const b = new MLGraphBuilder(ml);
                          const x = b.input('x', {dataType: 'float32', shape: [2]});
                          const graph = await b.build({y: b.mul(x, b.constant('float32', factor))});
                          const input = await ml.createTensor({dataType: 'float32', shape: [2], writable: true});
                          const output = await ml.createTensor({dataType: 'float32', shape: [2], readable: true});
                          ml.writeTensor(input, new Float32Array([1, 2]));
                          ml.dispatch(graph, {x: input}, {y: output});
                          return Array.from(new Float32Array(await ml.readTensor(output))).join(',');
                        })()"""), 20_000);
                assertEquals("3,6", sum.asString());
                JsError rejected = assertThrows(JsError.class, () -> webnn.await(context.eval("js",
                        "navigator.ml.createContext({deviceType: 'tpu'})"), 5_000));
                assertEquals("TypeError", rejected.jsName());
            }
            assertEquals(6, context.eval("js", "factor * 2").asInt(), "the embedder's context stays usable");
        } finally {
            context.close();
        }
    }

    @Test
    void anUnknownBackendIsANotSupportedError() throws JsError {
        String result = JsFixture.run(RealmOptions.defaults().backend("warp-drive"), """
                try { await navigator.ml.createContext(); } catch (e) { return e.name + ': ' + e.message; }
                """);
        assertTrue(result.startsWith("NotSupportedError: There is no backend 'warp-drive'; the backends are "),
                result);
    }
}
