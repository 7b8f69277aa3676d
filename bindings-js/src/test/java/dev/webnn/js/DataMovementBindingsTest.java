package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The WebIDL conversions of the data-movement builder methods, and one graph through each value path. */
class DataMovementBindingsTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const x = builder.input('x', {dataType: 'float32', shape: [2, 6]});
            const outcome = (f) => { try { const r = f(); return Array.isArray(r) ? r.map((o) => o.shape.join('x')).join(' ')
              : r.shape.join('x'); } catch (e) { return e.name; } };
            async function compute(out, dataType, arrayType) {
              const graph = await builder.build({out});
              const tensor = await context.createTensor({dataType, shape: out.shape, readable: true});
              context.dispatch(graph, {}, {out: tensor});
              return Array.from(new arrayType(await context.readTensor(tensor))).join();
            }
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void splitTakesACountOrASequenceAndReturnsAnArray() throws JsError {
        assertEquals("2x2 2x2 2x2|2x1 2x2 2x3|2x6|TypeError|TypeError|true", run("""
                return [outcome(() => builder.split(x, 3, {axis: 1})),
                  outcome(() => builder.split(x, [1, 2, 3], {axis: 1})),
                  outcome(() => builder.split(x, new Set([2]))),
                  outcome(() => builder.split(x, -1)),
                  outcome(() => builder.split(x, 5, {axis: 1})),
                  Array.isArray(builder.split(x, 2))].join('|');
                """));
    }

    @Test
    void optionalSequencesDefaultAndEnforceRange() throws JsError {
        assertEquals("6x2|2x6|2x6|TypeError|TypeError|1x3", run("""
                return [outcome(() => builder.transpose(x)),
                  outcome(() => builder.reverse(x)),
                  outcome(() => builder.reverse(x, {axes: []})),
                  outcome(() => builder.transpose(x, {permutation: [0, -1]})),
                  outcome(() => builder.slice(x, [0, 0], [1, 6], {strides: [1, 2 ** 32]})),
                  outcome(() => builder.slice(x, [0, 0], [1, 6], {strides: [1, 2]}))].join('|');
                """));
    }

    @Test
    void tileWrapsRepetitionsWhileTriangularEnforcesTheLongRange() throws JsError {
        // tile's repetitions are plain unsigned longs: 2^32 + 2 wraps to 2; -1 wraps to 2^32 - 1, too large here.
        assertEquals("4x6|TypeError|2x6|2x6|TypeError|TypeError", run("""
                return [outcome(() => builder.tile(x, [2 ** 32 + 2, 1])),
                  outcome(() => builder.tile(x, [-1, 1])),
                  outcome(() => builder.triangular(x, {diagonal: -(2 ** 31)})),
                  outcome(() => builder.triangular(x, {upper: 0, diagonal: 2 ** 31 - 1})),
                  outcome(() => builder.triangular(x, {diagonal: 2 ** 31})),
                  outcome(() => builder.triangular(x, {diagonal: NaN}))].join('|');
                """));
    }

    @Test
    void concatNeedsASequenceOfOperands() throws JsError {
        assertEquals("4x6|TypeError|TypeError|TypeError", run("""
                return [outcome(() => builder.concat([x, x], 0)),
                  outcome(() => builder.concat(x, 0)),
                  outcome(() => builder.concat([x, null], 0)),
                  outcome(() => builder.concat([x, x], -1))].join('|');
                """));
    }

    @Test
    void padValueKeepsBigIntPrecisionAndModeIsAnEnum() throws JsError {
        assertEquals("9007199254740993,1,9007199254740993|TypeError", run("""
                const one = builder.constant({dataType: 'int64', shape: [1]}, new BigInt64Array([1n]));
                const bad = outcome(() => builder.pad(one, [1], [1], {mode: 'wrap'}));
                const padded = builder.pad(one, [1], [1], {value: 9007199254740993n});
                return (await compute(padded, 'int64', BigInt64Array)) + '|' + bad;
                """));
    }

    @Test
    void gatherRunsThroughTheBindings() throws JsError {
        assertEquals("30,31,10,11", run("""
                const input = builder.constant({dataType: 'float32', shape: [4, 2]},
                    new Float32Array([0, 1, 10, 11, 20, 21, 30, 31]));
                const indices = builder.constant({dataType: 'int32', shape: [2]}, new Int32Array([-1, 1]));
                return compute(builder.gather(input, indices), 'float32', Float32Array);
                """));
    }
}
