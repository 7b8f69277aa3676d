package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shims for older WebNN API shapes (WebApi.LEGACY_WEBNN): each gives what the current API gives. */
class CompatTest {
    private final List<String> diagnostics = new ArrayList<>();

    private RealmOptions legacy() {
        return RealmOptions.defaults().url("https://example.test/page.html").enable(WebApi.LEGACY_WEBNN)
                .diagnostics(diagnostics::add);
    }

    /** Builds and runs a graph; {@code outputs} names one float32 output whose values come back joined by ','. */
    private static final String RUN = """
            async function run(context, graph, inputs, outputName, outputShape) {
              const tensors = {};
              for (const [name, [shape, values]] of Object.entries(inputs)) {
                tensors[name] = await context.createTensor({dataType: 'float32', shape, writable: true});
                context.writeTensor(tensors[name], new Float32Array(values));
              }
              const out = await context.createTensor({dataType: 'float32', shape: outputShape, readable: true});
              context.dispatch(graph, tensors, {[outputName]: out});
              return Array.from(new Float32Array(await context.readTensor(out))).join(',');
            }
            """;

    @Test
    void oldDescriptorNamesAndScalarConstantOrderAreAccepted() throws JsError {
        String result = JsFixture.run(legacy(), RUN + """
                const context = await navigator.ml.createContext();
                const b = new MLGraphBuilder(context);
                const x = b.input('x', {type: 'float32', dimensions: [2]});
                const c = b.constant({type: 'float32', dimensions: [2]}, new Float32Array([10, 20]));
                const y = b.mul(b.add(x, c), b.constant(0.5));
                const z = b.add(y, b.constant(1, 'float32'));
                const graph = await b.build({z});
                return x.dataType + ' ' + x.shape[0] + ' ' + await run(context, graph, {x: [[2], [2, 4]]}, 'z', [2]);
                """);
        assertEquals("float32 2 7,13", result);
        assertTrue(diagnostics.stream().anyMatch(d -> d.contains("'dimensions' is the old name of 'shape'")),
                diagnostics.toString());
        assertTrue(diagnostics.stream().anyMatch(d -> d.contains("'type' is the old name of 'dataType'")));
        assertEquals(1, diagnostics.stream().filter(d -> d.contains("'dimensions'")).count(), "reported once");
    }

    @Test
    void activationsWithoutInputAreAppliedAfterTheOp() throws JsError {
        String result = JsFixture.run(legacy(), RUN + """
                const context = await navigator.ml.createContext();
                const b = new MLGraphBuilder(context);
                const x = b.input('x', {dataType: 'float32', shape: [1, 1, 2, 2]});
                const w = b.constant({dataType: 'float32', shape: [1, 1, 1, 1]}, new Float32Array([4]));
                const clamp = b.clamp({minValue: 0, maxValue: 6});
                const fused = b.conv2d(x, w, {activation: clamp});
                const relu = b.relu();
                const mean = b.constant({dataType: 'float32', shape: [1]}, new Float32Array([3]));
                const variance = b.constant({dataType: 'float32', shape: [1]}, new Float32Array([1]));
                const bn = b.batchNormalization(fused, mean, variance, {activation: relu, epsilon: 0});
                const graph = await b.build({bn});
                return String(clamp) + ' ' + await run(context, graph, {x: [[1, 1, 2, 2], [-1, 0.5, 1, 3]]}, 'bn',
                    [1, 1, 2, 2]);
                """);
        // conv: -4, 2, 4, 12 -> clamp 0, 2, 4, 6 -> minus mean 3: -3, -1, 1, 3 -> relu 0, 0, 1, 3
        assertEquals("[object MLActivation] 0,0,1,3", result);
    }

    @Test
    void recurrentActivationsTakeActivationObjects() throws JsError {
        String result = JsFixture.run(legacy(), """
                const context = await navigator.ml.createContext();
                const b = new MLGraphBuilder(context);
                const f = (shape) => b.constant({dataType: 'float32', shape},
                    new Float32Array(shape.reduce((x, y) => x * y, 1)));
                const [h] = b.gru(f([1, 1, 2]), f([1, 3, 2]), f([1, 3, 1]), 1, 1,
                    {activations: [b.sigmoid(), b.tanh()]});
                try { b.gru(f([1, 1, 2]), f([1, 3, 2]), f([1, 3, 1]), 1, 1, {activations: [b.elu(), b.tanh()]}); }
                catch (e) { return h.shape.join('x') + ' ' + e.name + ': ' + e.message; }
                """);
        assertTrue(result.startsWith("1x1x1 TypeError: "), result);
        assertTrue(result.contains("relu, sigmoid, tanh, not elu"), result);
    }

    @Test
    void reshapeInfersOneNullOrMinusOneDimension() throws JsError {
        String result = JsFixture.run(legacy(), """
                const b = new MLGraphBuilder(await navigator.ml.createContext());
                const x = b.input('x', {dataType: 'float32', shape: [2, 3, 4]});
                const a = b.reshape(x, [2, null]);
                const c = b.reshape(x, [-1, 4]);
                let error;
                try { b.reshape(x, [null, -1]); } catch (e) { error = e.name; }
                return a.shape.join('x') + ' ' + c.shape.join('x') + ' ' + error;
                """);
        assertEquals("2x12 6x4 TypeError", result);
    }

    @Test
    void shapeIsBothTheAttributeAndTheOldMethod() throws JsError {
        String result = JsFixture.run(legacy(), """
                const b = new MLGraphBuilder(await navigator.ml.createContext());
                const x = b.input('x', {dataType: 'float32', shape: [1, 224, 224, 3]});
                const s = x.shape;
                return [s === x.shape, s()[1], s[2], s.length, [...s].join('x'), JSON.stringify(s),
                    b.softmax(b.reshape(x, [224, 672])).shape.join('x')].join(' ');
                """);
        assertEquals("true 224 224 4 1x224x224x3 [1,224,224,3] 224x672", result);
    }

    @Test
    void autoPadBecomesExplicitPadding() throws JsError {
        String result = JsFixture.run(legacy(), """
                const b = new MLGraphBuilder(await navigator.ml.createContext());
                const x = b.input('x', {dataType: 'float32', shape: [1, 7, 7, 8]});
                const w = b.constant({dataType: 'float32', shape: [1, 3, 3, 8]}, new Float32Array(72));
                const y = b.conv2d(x, w, {autoPad: 'same-upper', strides: [2, 2], inputLayout: 'nhwc',
                    filterLayout: 'ihwo', groups: 8});
                const p = b.maxPool2d(x, {autoPad: 'same-lower', windowDimensions: [2, 2], layout: 'nhwc'});
                return y.shape.join('x') + ' ' + p.shape.join('x');
                """);
        assertEquals("1x4x4x8 1x7x7x8", result);
    }

    @Test
    void computeWritesRunsAndReadsIntoTheGivenViews() throws JsError {
        String result = JsFixture.run(legacy(), """
                const context = await navigator.ml.createContext();
                const b = new MLGraphBuilder(context);
                const x = b.input('x', {dataType: 'float32', shape: [3]});
                const graph = await b.build({y: b.mul(x, x)});
                const output = new Float32Array(3);
                const results = await context.compute(graph, {x: new Float32Array([1, 2, 3])}, {y: output});
                return (results.outputs.y === output) + ' ' + output.join(',');
                """);
        assertEquals("true 1,4,9", result);
    }

    @Test
    void tensorUsageFlagsBecomeReadableAndWritable() throws JsError {
        String result = JsFixture.run(legacy(), """
                const context = await navigator.ml.createContext();
                const t = await context.createTensor({dataType: 'float32', dimensions: [2],
                    usage: MLTensorUsage.READ | MLTensorUsage.WRITE});
                return t.readable + ' ' + t.writable;
                """);
        assertEquals("true true", result);
    }

    @Test
    void removedSynchronousFormsNameTheCurrentApi() throws JsError {
        String result = JsFixture.run(legacy(), """
                const context = await navigator.ml.createContext();
                try { context.computeSync(); } catch (e) { return e.name + ': ' + e.message; }
                """);
        assertEquals("TypeError: computeSync() was removed from WebNN: use createTensor, writeTensor, dispatch "
                + "and await readTensor", result);
    }

    @Test
    void withoutTheShimsOldShapesAreTypeErrors() throws JsError {
        String result = JsFixture.run(RealmOptions.defaults().url("https://example.test/"), """
                const b = new MLGraphBuilder(await navigator.ml.createContext());
                const errors = [];
                try { b.input('x', {type: 'float32', dimensions: [2]}); } catch (e) { errors.push(e.message); }
                try { b.relu(); } catch (e) { errors.push(e.name); }
                return errors.join(' | ') + ' | ' + typeof MLContext.prototype.compute;
                """);
        assertTrue(result.contains("required member 'dataType' is undefined"), result);
        assertTrue(result.endsWith("TypeError | undefined"), result);
    }
}
