package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The element-wise operators seen from JS: WebIDL conversions, defaults, MLNumber bounds and runs end to end. */
class ElementwiseBindingsTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const name = (f) => { try { f(); return 'ok'; } catch (e) { return e.name; } };
            // Builds {out: make(x)} over one input x, runs it on values and returns the output as an array.
            async function compute(desc, values, make, Output = Float32Array) {
              const b = new MLGraphBuilder(context);
              const x = b.input('x', desc);
              const out = make(b, x);
              const graph = await b.build({out});
              const input = await context.createTensor({...desc, writable: true});
              const output = await context.createTensor({dataType: out.dataType, shape: out.shape, readable: true});
              context.writeTensor(input, values);
              context.dispatch(graph, {x: input}, {out: output});
              return Array.from(new Output(await context.readTensor(output)));
            }
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void methodsHaveTheirIdlLengths() throws JsError {
        assertEquals("2,2,1,1,1,1,1,1,1,2,3,3,3,2", run("""
                const p = MLGraphBuilder.prototype;
                return [p.greaterOrEqual.length, p.logicalXor.length, p.logicalNot.length, p.isNaN.length,
                  p.roundEven.length, p.gelu.length, p.elu.length, p.clamp.length, p.linear.length, p.prelu.length,
                  p.where.length, p.quantizeLinear.length, p.dequantizeLinear.length, p.cast.length].join();
                """));
    }

    @Test
    void comparisonsAndLogicGiveUint8() throws JsError {
        assertEquals("uint8 2;3|uint8 4|TypeError", run("""
                const a = builder.input('a', {dataType: 'int32', shape: [2, 1]});
                const b = builder.input('b', {dataType: 'int32', shape: [3]});
                const c = builder.input('c', {dataType: 'uint8', shape: [4]});
                const f = builder.input('f', {dataType: 'float32', shape: [4]});
                const greater = builder.greater(a, b);
                const not = builder.logicalNot(c);
                return [greater.dataType + ' ' + greater.shape.join(';'), not.dataType + ' ' + not.shape.join(';'),
                  name(() => builder.logicalAnd(f, f))].join('|');
                """));
    }

    @Test
    void activationOptionsTakeDefaultsAndRejectNonFiniteValues() throws JsError {
        assertEquals("-0.5,3|0.5,0.7|2,3|TypeError,TypeError,TypeError,ok", run("""
                const desc = {dataType: 'float32', shape: [2]};
                const elu = await compute(desc, new Float32Array([-Infinity, 3]), (b, x) => b.elu(x, {alpha: 0.5}));
                const hard = await compute(desc, new Float32Array([0, 1]), (b, x) => b.hardSigmoid(x));
                const linear = await compute(desc, new Float32Array([2, 3]), (b, x) => b.linear(x, {}));
                const x = builder.input('x', desc);
                return [elu.join(), hard.map((v) => v.toFixed(1)).join(), linear.join(), [
                  name(() => builder.elu(x, {alpha: NaN})),
                  name(() => builder.leakyRelu(x, {alpha: Infinity})),
                  name(() => builder.linear(x, {beta: '-Infinity'})),
                  name(() => builder.hardSigmoid(x, {alpha: '2', beta: null})),
                ].join()].join('|');
                """));
    }

    @Test
    void clampTakesNumbersAndBigIntsAndChecksTheBounds() throws JsError {
        assertEquals("5,127,18446744073709551610|-2,0,3|TypeError,TypeError,ok", run("""
                const big = await compute({dataType: 'uint64', shape: [3]}, new BigUint64Array([0n, 127n, 2n ** 64n - 1n]),
                    (b, x) => b.clamp(x, {minValue: 5, maxValue: 2n ** 64n - 6n}), BigUint64Array);
                const small = await compute({dataType: 'float32', shape: [3]}, new Float32Array([-7, 0, 9]),
                    (b, x) => b.clamp(x, {minValue: -2, maxValue: 3n}));
                const x = builder.input('x', {dataType: 'float32', shape: [1]});
                let label = 'none';
                try { builder.clamp(x, {minValue: 3, maxValue: 1, label: 'bounds'}); } catch (e) { label = e.message; }
                return [big.join(), small.join(), [
                  name(() => builder.clamp(x, {minValue: 3, maxValue: 1})),
                  name(() => builder.clamp(x, {minValue: -Infinity})),
                  name(() => builder.clamp(x, {minValue: 1, maxValue: 1})),
                ].join()].join('|') + (label.includes('[bounds]') ? '' : ' (no label: ' + label + ')');
                """));
    }

    @Test
    void whereQuantizeAndPreluRunEndToEnd() throws JsError {
        assertEquals("1,-2|130,0,255|-1,4", run("""
                const desc = {dataType: 'float32', shape: [2]};
                const where = await compute(desc, new Float32Array([1, 2]), (b, x) => b.where(
                    b.constant({dataType: 'uint8', shape: [2]}, new Uint8Array([1, 0])), x, b.neg(x)));
                const quantized = await compute({dataType: 'float32', shape: [3]}, new Float32Array([1, -1000, 1000]),
                    (b, x) => b.quantizeLinear(x, b.constant({dataType: 'float32', shape: [1]}, new Float32Array([0.5])),
                        b.constant({dataType: 'uint8', shape: [1]}, new Uint8Array([128]))), Uint8Array);
                const prelu = await compute(desc, new Float32Array([-2, 4]),
                    (b, x) => b.prelu(x, b.constant({dataType: 'float32', shape: []}, new Float32Array([0.5]))));
                return [where.join(), quantized.join(), prelu.join()].join('|');
                """));
    }
}
