package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** gru, gruCell, lstm and lstmCell seen from JS: WebIDL conversions, sequence results and a run end to end. */
class RecurrentBindingsTest {
    private static final String SETUP = """
            const context = await navigator.ml.createContext({deviceType: 'cpu'});
            const builder = new MLGraphBuilder(context);
            const f32 = (shape) => ({dataType: 'float32', shape});
            const name = (f) => { try { f(); return 'ok'; } catch (e) { return e.name; } };
            const message = (f) => { try { f(); return 'ok'; } catch (e) { return e.message; } };
            // steps 2, batch 1, input 1, hidden 1
            const input = builder.input('input', f32([2, 1, 1]));
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run(SETUP + body);
    }

    @Test
    void gruAndLstmReturnArraysAndTheCellsTheirShapes() throws JsError {
        assertEquals("array 1;1;1 2;1;1;1|array 2;1;1 2;1;1 2;2;1;1|operand 1;1|array 1;1 1;1|array 1;1;1", run("""
                const describe = (r) => Array.isArray(r) ?
                  'array ' + r.map((o) => o.shape.join(';')).join(' ') : 'operand ' + r.shape.join(';');
                const gw = builder.input('gw', f32([1, 3, 1]));
                const grw = builder.input('grw', f32([1, 3, 1]));
                const gru = builder.gru(input, gw, grw, 2, 1, {returnSequence: true});
                const lw = builder.input('lw', f32([2, 4, 1]));
                const lrw = builder.input('lrw', f32([2, 4, 1]));
                const lstm = builder.lstm(input, lw, lrw, 2, 1, {returnSequence: true, direction: 'both'});
                const x = builder.input('x', f32([1, 1]));
                const h = builder.input('h', f32([1, 1]));
                const gruCell = builder.gruCell(x, builder.input('cw', f32([3, 1])), builder.input('crw', f32([3, 1])),
                    h, 1);
                const lstmCell = builder.lstmCell(x, builder.input('lcw', f32([4, 1])),
                    builder.input('lcrw', f32([4, 1])), h, builder.input('c', f32([1, 1])), 1);
                const gruLastOnly = builder.gru(input, gw, grw, 2, 1);
                return [describe(gru), describe(lstm), describe(gruCell), describe(lstmCell),
                  describe(gruLastOnly)].join('|');
                """));
    }

    @Test
    void methodsHaveTheirIdlLengths() throws JsError {
        assertEquals("5,5,5,6", run("""
                const p = MLGraphBuilder.prototype;
                return [p.gru.length, p.gruCell.length, p.lstm.length, p.lstmCell.length].join();
                """));
    }

    @Test
    void conversionsRejectBadArguments() throws JsError {
        assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,ok", run("""
                const w = builder.input('w', f32([1, 3, 1]));
                const rw = builder.input('rw', f32([1, 3, 1]));
                return [
                  name(() => builder.gru(input, w, rw, 2)),
                  name(() => builder.gru(input, w, rw, 2, -1)),
                  name(() => builder.gru(input, w, rw, 2, 2 ** 32)),
                  name(() => builder.gru(input, w, rw, 2, 1, {direction: 'sideways'})),
                  name(() => builder.gru(input, w, rw, 2, 1, {layout: 'ifgo'})),
                  name(() => builder.gru(input, w, rw, 2, 1, {activations: ['sigmoid', 'softmax']})),
                  name(() => builder.gru(input, w, rw, 2, 1, {bias: null})),
                  name(() => builder.gru(input, w, rw, 2, 1, {bias: undefined, layout: 'rzn', resetAfter: 0})),
                ].join();
                """));
    }

    @Test
    void validationErrorsCarryTheLabel() throws JsError {
        assertEquals("[gru-1] gru needs 2 activations but got 3 (sigmoid, tanh, relu).|TypeError", run("""
                const w = builder.input('w', f32([1, 3, 1]));
                const rw = builder.input('rw', f32([1, 3, 1]));
                const other = new MLGraphBuilder(context);
                const foreignBias = other.input('bias', f32([1, 3]));
                return [
                  message(() => builder.gru(input, w, rw, 2, 1,
                      {activations: ['sigmoid', 'tanh', 'relu'], label: 'gru-1'})),
                  name(() => builder.gru(input, w, rw, 2, 1, {bias: foreignBias})),
                ].join('|');
                """));
    }

    @Test
    void lstmRunsBackwardEndToEnd() throws JsError {
        // bias i 1, o 0.5, f 0.5; weight and recurrent weight 1 on g; relu: c' = 0.5 c + relu(x + h), h' = 0.5 c'.
        // Backward over x = [2, 6]: t1: c = 6, h = 3; t0: c = 3 + 5 = 8, h = 4.
        assertEquals("4|8|4,3", run("""
                const w = builder.constant(f32([1, 4, 1]), new Float32Array([0, 0, 0, 1]));
                const bias = builder.constant(f32([1, 4]), new Float32Array([1, 0.5, 0.5, 0]));
                const [h, c, seq] = builder.lstm(input, w, w, 2, 1, {bias, returnSequence: true,
                  direction: 'backward', activations: ['relu', 'relu', 'relu']});
                const graph = await builder.build({h, c, seq});
                const x = await context.createTensor({...f32([2, 1, 1]), writable: true});
                context.writeTensor(x, new Float32Array([2, 6]));
                const out = {};
                for (const [key, shape] of [['h', [1, 1, 1]], ['c', [1, 1, 1]], ['seq', [2, 1, 1, 1]]]) {
                  out[key] = await context.createTensor({...f32(shape), readable: true});
                }
                context.dispatch(graph, {input: x}, out);
                const read = async (t) => Array.from(new Float32Array(await context.readTensor(t))).join();
                return [await read(out.h), await read(out.c), await read(out.seq)].join('|');
                """));
    }
}
