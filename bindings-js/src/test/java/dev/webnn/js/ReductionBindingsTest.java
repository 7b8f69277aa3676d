package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The WebIDL side of the reduction and normalization operators: overloads, conversions, defaults and errors. */
class ReductionBindingsTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const f32 = (...shape) => builder.input('x' + Math.random(), {dataType: 'float32', shape});
            const attempt = (f) => { try { const o = f(); return o.dataType + '[' + o.shape + ']'; }
              catch (e) { return e.name + (e.message.includes('[L]') ? '[L]' : ''); } };
            async function compute(operand, inputs) {
              const graph = await builder.build({out: operand});
              const named = {};
              for (const [name, [desc, values]] of Object.entries(inputs)) {
                named[name] = await context.createTensor({...desc, writable: true});
                context.writeTensor(named[name], values);
              }
              const out = await context.createTensor({dataType: operand.dataType, shape: operand.shape, readable: true});
              context.dispatch(graph, named, {out});
              return Array.from(new Float32Array(await context.readTensor(out))).join();
            }
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void reduceRunsWithAxesAndKeepDimensions() throws JsError {
        assertEquals("float32[2,1]|5,11", run("""
                const desc = {dataType: 'float32', shape: [2, 2]};
                const y = builder.reduceSum(builder.input('a', desc), {axes: [1], keepDimensions: true});
                return y.dataType + '[' + y.shape + ']|' + await compute(y, {a: [desc, new Float32Array([2, 3, 5, 6])]});
                """));
    }

    @Test
    void reduceOptionsAreConverted() throws JsError {
        assertEquals("float32[]|float32[3]|float32[1,1]|TypeError|TypeError[L]|TypeError", run("""
                return [
                  attempt(() => builder.reduceMean(f32(2, 3))),
                  attempt(() => builder.reduceMax(f32(2, 3), {axes: new Set([0])})),
                  attempt(() => builder.reduceL2(f32(2, 3), {keepDimensions: 1})),
                  attempt(() => builder.reduceSum(f32(2, 3), {axes: [-1]})),
                  attempt(() => builder.reduceSum(f32(2, 3), {axes: [2], label: 'L'})),
                  attempt(() => builder.reduceSum(f32(2, 3), 5)),
                ].join('|');
                """));
    }

    @Test
    void softmaxTakesAnAxisOrTheEarlierOptionsOnlyForm() throws JsError {
        assertEquals("float32[4,3]|float32[4,3]|float32[2,3,4]|TypeError[L]|TypeError|TypeError[L]|2", run("""
                const int32 = builder.input('i', {dataType: 'int32', shape: [3, 2]});
                return [
                  attempt(() => builder.softmax(f32(4, 3))),
                  attempt(() => builder.softmax(f32(4, 3), {label: 'L'})),
                  attempt(() => builder.softmax(f32(2, 3, 4), 1)),
                  attempt(() => builder.softmax(int32, {label: 'L'})),
                  attempt(() => builder.softmax(f32(2, 3), undefined, {})),
                  attempt(() => builder.softmax(f32(2, 3), 2, {label: 'L'})),
                  builder.softmax.length,
                ].join('|');
                """));
    }

    @Test
    void legacySoftmaxNormalizesTheLastAxis() throws JsError {
        assertEquals("0.25,0.75", run("""
                const desc = {dataType: 'float32', shape: [1, 2]};
                return await compute(builder.softmax(builder.input('a', desc)),
                    {a: [desc, new Float32Array([0, Math.log(3)])]});
                """));
    }

    @Test
    void argMinMaxOutputDataType() throws JsError {
        assertEquals("int32[3]|int64[1,3]|TypeError|TypeError[L]|TypeError", run("""
                return [
                  attempt(() => builder.argMax(f32(2, 3), 0)),
                  attempt(() => builder.argMin(f32(2, 3), 0, {keepDimensions: true, outputDataType: 'int64'})),
                  attempt(() => builder.argMin(f32(2, 3), 0, {outputDataType: 'int65'})),
                  attempt(() => builder.argMin(f32(2, 3), 0, {outputDataType: 'float32', label: 'L'})),
                  attempt(() => builder.argMax(f32(2, 3))),
                ].join('|');
                """));
    }

    @Test
    void cumulativeSumAxisIsAPlainUnsignedLong() throws JsError {
        // Without [EnforceRange], 1.7 truncates to 1 and -1 wraps to 2^32 - 1, which is out of range.
        assertEquals("float32[2,3]|TypeError[L]|float32[2,3]", run("""
                return [
                  attempt(() => builder.cumulativeSum(f32(2, 3), 1.7)),
                  attempt(() => builder.cumulativeSum(f32(2, 3), -1, {label: 'L'})),
                  attempt(() => builder.cumulativeSum(f32(2, 3), 2 ** 32, {exclusive: true, reversed: 1})),
                ].join('|');
                """));
    }

    @Test
    void normalizationOptions() throws JsError {
        assertEquals("float32[1,2,5,5]|TypeError|TypeError|TypeError[L]|float32[1,2,3,4]|TypeError[L]|TypeError"
                + "|float32[1,2,3,4]|float32[2,3]", run("""
                const mean = f32(2);
                const variance = f32(2);
                return [
                  attempt(() => builder.batchNormalization(f32(1, 2, 5, 5), mean, variance)),
                  attempt(() => builder.batchNormalization(f32(1, 2, 5, 5), mean, variance, {epsilon: NaN})),
                  attempt(() => builder.batchNormalization(f32(1, 2, 5, 5), mean, variance, {scale: null})),
                  attempt(() => builder.batchNormalization(f32(1, 2, 5, 5), mean, variance, {axis: 2, label: 'L'})),
                  attempt(() => builder.instanceNormalization(f32(1, 2, 3, 4), {layout: 'nhwc', scale: f32(4)})),
                  attempt(() => builder.instanceNormalization(f32(1, 2, 3, 4), {scale: f32(4), label: 'L'})),
                  attempt(() => builder.instanceNormalization(f32(1, 2, 3, 4), {layout: 'nhcw'})),
                  attempt(() => builder.layerNormalization(f32(1, 2, 3, 4), {axes: [3, 1], bias: f32(4, 2)})),
                  attempt(() => builder.layerNormalization(f32(2, 3), {axes: []})),
                ].join('|');
                """));
    }
}
