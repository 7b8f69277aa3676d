package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The WebIDL side of matmul, gemm, the convolutions, the pools and resample2d: conversions, defaults and errors. */
class LinearAlgebraBindingsTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const f32 = (...shape) => builder.input('x' + Math.random(), {dataType: 'float32', shape});
            const constant = (shape, values) =>
              builder.constant({dataType: 'float32', shape}, new Float32Array(values));
            const attempt = (f) => { try { const o = f(); return o.dataType + '[' + o.shape + ']'; }
              catch (e) { return e.name + (e.message.includes('[L]') ? '[L]' : ''); } };
            async function compute(operand) {
              const graph = await builder.build({out: operand});
              const out =
                  await context.createTensor({dataType: operand.dataType, shape: operand.shape, readable: true});
              context.dispatch(graph, {}, {out});
              return Array.from(new Float32Array(await context.readTensor(out))).join();
            }
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void conv2dRunsWithLayoutsAndBias() throws JsError {
        assertEquals("float32[1,2,2,1]|16,18,22,24", run("""
                const input = constant([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
                const filter = constant([1, 2, 2, 1], [1, 0, 0, 1]);
                const y = builder.conv2d(input, filter,
                    {inputLayout: 'nhwc', filterLayout: 'ohwi', bias: constant([1], [10])});
                return y.dataType + '[' + y.shape + ']|' + await compute(y);
                """));
    }

    @Test
    void convolutionOptionsAreConverted() throws JsError {
        assertEquals("float32[1,1,3,3]|TypeError|TypeError|TypeError|TypeError[L]|TypeError|float32[1,2,5,5]"
                + "|TypeError", run("""
                return [
                  attempt(() => builder.conv2d(f32(1, 1, 5, 5), f32(1, 1, 3, 3),
                      {padding: [1, 1, 1, 1], strides: [2, 2]})),
                  attempt(() => builder.conv2d(f32(1, 1, 5, 5), f32(1, 1, 3, 3), {strides: [1, -1]})),
                  attempt(() => builder.conv2d(f32(1, 1, 5, 5), f32(1, 1, 3, 3), {filterLayout: 'iohw'})),
                  attempt(() => builder.conv2d(f32(1, 1, 5, 5), f32(1, 1, 3, 3), {bias: null})),
                  attempt(() => builder.conv2d(f32(1, 1, 5, 5), f32(1, 1, 3, 3), {groups: 0, label: 'L'})),
                  attempt(() => builder.conv2d(f32(1, 1, 5, 5))),
                  attempt(() => builder.convTranspose2d(f32(1, 1, 3, 3), f32(1, 2, 3, 3), {outputSizes: [5, 5]})),
                  attempt(() => builder.convTranspose2d(f32(1, 1, 3, 3), f32(1, 2, 3, 3), {filterLayout: 'oihw'})),
                ].join('|');
                """));
    }

    @Test
    void gemmOptionsAreConverted() throws JsError {
        assertEquals("TypeError|TypeError|TypeError|TypeError[L]|38.5,45,86.5,101", run("""
                const other = new MLGraphBuilder(context).input('c', {dataType: 'float32', shape: [2]});
                const refusals = [
                  attempt(() => new MLGraphBuilder(context).gemm(f32(2, 2), f32(2, 2))),
                  attempt(() => builder.gemm(f32(2, 2), f32(2, 2), {alpha: NaN})),
                  attempt(() => builder.gemm(f32(2, 2), f32(2, 2), {c: other})),
                  attempt(() => builder.gemm(f32(2, 3), f32(2, 3), {label: 'L'})),
                ];
                const a = constant([2, 2], [1, 3, 2, 4]);
                const b = constant([2, 2], [5, 6, 7, 8]);
                const y = builder.gemm(a, b, {aTranspose: true, alpha: 2, beta: 0.5, c: constant([2], [1, 2])});
                return [...refusals, await compute(y)].join('|');
                """));
    }

    @Test
    void poolsTakeTheNewAndTheOldNameOfTheRoundingOption() throws JsError {
        assertEquals("float32[1,1,3,3]|float32[1,1,2,2]|float32[1,1,2,2]|float32[1,1,3,3]|TypeError|TypeError"
                + "|TypeError[L]|int8[1,1,1,1]|TypeError", run("""
                const options = {windowDimensions: [3, 3], strides: [2, 2]};
                return [
                  attempt(() => builder.averagePool2d(f32(1, 1, 6, 6), {...options, outputShapeRounding: 'ceil'})),
                  attempt(() => builder.l2Pool2d(f32(1, 1, 6, 6), options)),
                  attempt(() => builder.maxPool2d(f32(1, 1, 6, 6), {...options, roundingType: 'floor'})),
                  attempt(() => builder.maxPool2d(f32(1, 1, 6, 6),
                      {...options, outputShapeRounding: 'ceil', roundingType: 'floor'})),
                  attempt(() => builder.maxPool2d(f32(1, 1, 6, 6), {outputShapeRounding: 'round'})),
                  attempt(() => builder.maxPool2d(f32(1, 1, 6, 6), {windowDimensions: [2 ** 32, 1]})),
                  attempt(() => builder.averagePool2d(f32(1, 1, 6, 6), {windowDimensions: [7, 7], label: 'L'})),
                  attempt(() => builder.maxPool2d(builder.input('i8', {dataType: 'int8', shape: [1, 1, 2, 2]}))),
                  attempt(() => builder.averagePool2d(builder.input('i32', {dataType: 'int32', shape: [1, 1, 2, 2]}))),
                ].join('|');
                """));
    }

    @Test
    void maxPoolRunsThroughPadding() throws JsError {
        // Padding adds no values: windows that reach into it take the maximum of the negative inputs they cover.
        assertEquals("-1,-2,-3,-4", run("""
                const y = builder.maxPool2d(constant([1, 1, 2, 2], [-1, -2, -3, -4]),
                    {windowDimensions: [2, 2], padding: [0, 1, 0, 1]});
                return await compute(y);
                """));
    }

    @Test
    void resample2dScalesAreRestrictedFloats() throws JsError {
        assertEquals("float32[1,1,4,8]|TypeError|TypeError|TypeError|TypeError|float32[1,1,3,6]|TypeError[L]", run("""
                return [
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {scales: [2, 2]})),
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {scales: [NaN, 2]})),
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {scales: [1e39, 2]})),
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {mode: 'cubic'})),
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {sizes: [2 ** 32, 1]})),
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {scales: [0.5, 0.5], sizes: [3, 6]})),
                  attempt(() => builder.resample2d(f32(1, 1, 2, 4), {axes: [1, 1], label: 'L'})),
                ].join('|');
                """));
    }

    @Test
    void resample2dRunsLinear() throws JsError {
        assertEquals("0,0.75,2.25,3", run("""
                return await compute(builder.resample2d(constant([1, 1, 1, 2], [0, 3]),
                    {mode: 'linear', sizes: [1, 4]}));
                """));
    }

    @Test
    void convTranspose2dWithGroupsThatDoNotDivideTheChannelsFailsToBuild() throws JsError {
        assertEquals("float32[1,3,3,3]|OperationError", run("""
                const y = builder.convTranspose2d(constant([1, 1, 2, 2], [1, 2, 3, 4]),
                    constant([1, 1, 2, 2], [1, 1, 1, 1]), {groups: 3});
                const shape = y.dataType + '[' + y.shape + ']';
                try { await builder.build({y}); return shape + '|built'; }
                catch (e) { return shape + '|' + e.name; }
                """));
    }

    @Test
    void supportLimitsNameEveryOperand() throws JsError {
        assertEquals("input,filter,bias,output|input,filter,bias,output|a,b,c,output|0-2|4-4|true|false|true", run("""
                const limits = context.opSupportLimits();
                return [
                  Object.keys(limits.conv2d).join(),
                  Object.keys(limits.convTranspose2d).join(),
                  Object.keys(limits.gemm).join(),
                  limits.gemm.c.rankRange.min + '-' + limits.gemm.c.rankRange.max,
                  limits.averagePool2d.input.rankRange.min + '-' + limits.averagePool2d.input.rankRange.max,
                  limits.maxPool2d.input.dataTypes.includes('uint8'),
                  limits.l2Pool2d.input.dataTypes.includes('uint8'),
                  limits.resample2d.input.dataTypes.includes('int8'),
                ].join('|');
                """));
    }
}
