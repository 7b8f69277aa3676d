package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The classes of invalid argument only the bindings see, for every builder method: an operand of another builder
 * is a TypeError naming the label, any call on a builder that has built is an InvalidStateError, and a shape whose
 * byte length exceeds maxTensorByteLength is a TypeError before anything is allocated. The engine's validators
 * have their own matrix (InvalidArgumentMatrixTest).
 */
class InvalidArgumentBindingsTest {
    /** Each builder method with arguments it accepts, built from the operands {@code o} of the builder {@code b}. */
    private static final String CALLS = """
            const unary = ['abs', 'ceil', 'cos', 'erf', 'exp', 'floor', 'identity', 'log', 'neg', 'reciprocal',
              'roundEven', 'sin', 'sqrt', 'tan', 'sign', 'relu', 'sigmoid', 'tanh', 'softsign', 'gelu', 'hardSwish',
              'softplus', 'elu', 'hardSigmoid', 'leakyRelu', 'linear', 'clamp', 'isNaN', 'isInfinite', 'transpose',
              'reverse', 'triangular', 'layerNormalization', 'reduceL1', 'reduceL2', 'reduceLogSum',
              'reduceLogSumExp', 'reduceMax', 'reduceMean', 'reduceMin', 'reduceProduct', 'reduceSum',
              'reduceSumSquare'];
            const binary = ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow', 'equal', 'notEqual', 'greater',
              'greaterOrEqual', 'lesser', 'lesserOrEqual', 'prelu'];
            const calls = {};
            for (const name of unary) calls[name] = (b, o, opts) => b[name](o.x, opts);
            for (const name of binary) calls[name] = (b, o, opts) => b[name](o.x, o.x, opts);
            for (const name of ['logicalAnd', 'logicalOr', 'logicalXor']) {
              calls[name] = (b, o, opts) => b[name](o.u, o.u, opts);
            }
            for (const name of ['averagePool2d', 'l2Pool2d', 'maxPool2d', 'resample2d', 'instanceNormalization']) {
              calls[name] = (b, o, opts) => b[name](o.image, opts);
            }
            Object.assign(calls, {
              logicalNot: (b, o, opts) => b.logicalNot(o.u, opts),
              cast: (b, o, opts) => b.cast(o.x, 'int32', opts),
              argMin: (b, o, opts) => b.argMin(o.x, 0, opts),
              argMax: (b, o, opts) => b.argMax(o.x, 0, opts),
              cumulativeSum: (b, o, opts) => b.cumulativeSum(o.x, 1, opts),
              softmax: (b, o, opts) => b.softmax(o.x, 1, opts),
              split: (b, o, opts) => b.split(o.x, 2, opts),
              slice: (b, o, opts) => b.slice(o.x, [0, 0], [1, 1], opts),
              reshape: (b, o, opts) => b.reshape(o.x, [3, 2], opts),
              expand: (b, o, opts) => b.expand(o.x, [2, 2, 3], opts),
              tile: (b, o, opts) => b.tile(o.x, [1, 2], opts),
              pad: (b, o, opts) => b.pad(o.x, [1, 0], [0, 1], opts),
              concat: (b, o, opts) => b.concat([o.x, o.x], 0, opts),
              matmul: (b, o, opts) => b.matmul(o.x, o.y, opts),
              gemm: (b, o, opts) => b.gemm(o.x, o.y, opts),
              where: (b, o, opts) => b.where(o.u, o.x, o.x, opts),
              gather: (b, o, opts) => b.gather(o.x, o.indices, opts),
              gatherElements: (b, o, opts) => b.gatherElements(o.x, o.indices2d, opts),
              gatherND: (b, o, opts) => b.gatherND(o.x, o.indicesNd, opts),
              scatterElements: (b, o, opts) => b.scatterElements(o.x, o.indices2d, o.x, opts),
              scatterND: (b, o, opts) => b.scatterND(o.x, o.indicesNd, o.updatesNd, opts),
              quantizeLinear: (b, o, opts) => b.quantizeLinear(o.x, o.x, o.zeroPoint, opts),
              dequantizeLinear: (b, o, opts) => b.dequantizeLinear(o.zeroPoint, o.x, o.zeroPoint, opts),
              conv2d: (b, o, opts) => b.conv2d(o.image, o.filter, opts),
              convTranspose2d: (b, o, opts) => b.convTranspose2d(o.image, o.filter, opts),
              batchNormalization: (b, o, opts) => b.batchNormalization(o.image, o.perChannel, o.perChannel, opts),
              gru: (b, o, opts) => b.gru(o.sequence, o.gruWeight, o.gruRecurrent, 2, 4, opts),
              gruCell: (b, o, opts) => b.gruCell(o.step, o.gruCellWeight, o.gruCellRecurrent, o.hidden, 4, opts),
              lstm: (b, o, opts) => b.lstm(o.sequence, o.lstmWeight, o.lstmRecurrent, 2, 4, opts),
              lstmCell: (b, o, opts) => b.lstmCell(o.step, o.lstmCellWeight, o.lstmCellRecurrent, o.hidden, o.hidden,
                4, opts),
            });
            function operands(b) {
              const f = (shape) => b.input('f' + shape.join('x') + Math.random(), {dataType: 'float32', shape});
              const typed = (dataType, shape, values) => b.constant({dataType, shape}, values);
              return {
                x: f([2, 3]), y: f([3, 2]), image: f([1, 2, 4, 4]), filter: f([2, 2, 3, 3]), perChannel: f([2]),
                u: typed('uint8', [2, 3], new Uint8Array(6)),
                zeroPoint: typed('int8', [2, 3], new Int8Array(6)),
                indices: typed('int32', [2], new Int32Array([1, 0])),
                indices2d: typed('int32', [2, 3], new Int32Array(6)),
                indicesNd: typed('int32', [1, 1], new Int32Array([1])),
                updatesNd: f([1, 3]),
                sequence: f([2, 3, 5]), step: f([3, 5]), hidden: f([3, 4]),
                gruWeight: f([1, 12, 5]), gruRecurrent: f([1, 12, 4]),
                gruCellWeight: f([12, 5]), gruCellRecurrent: f([12, 4]),
                lstmWeight: f([1, 16, 5]), lstmRecurrent: f([1, 16, 4]),
                lstmCellWeight: f([16, 5]), lstmCellRecurrent: f([16, 4]),
              };
            }
            const outcome = (call) => {
              try { call(); return 'ok'; } catch (e) { return `${e.name}: ${e.message}`; }
            };
            """;

    private static String run(String body) throws JsError {
        return JsFixture.run("""
                const context = await navigator.ml.createContext({deviceType: 'cpu'});
                """ + CALLS + body);
    }

    @Test
    void theTableCallsEveryBuilderMethodWithArgumentsItAccepts() throws JsError {
        assertEquals("95 methods, all accepted", run("""
                const methods = Object.keys(Object.getOwnPropertyDescriptors(MLGraphBuilder.prototype))
                    .filter((m) => !['constructor', 'input', 'constant', 'build'].includes(m));
                const missing = methods.filter((m) => !(m in calls));
                if (missing.length) return 'no call for ' + missing.join();
                const builder = new MLGraphBuilder(context);
                const o = operands(builder);
                const refused = methods.map((m) => [m, outcome(() => calls[m](builder, o, {}))])
                    .filter(([, r]) => r !== 'ok');
                return refused.length ? JSON.stringify(refused) : `${methods.length} methods, all accepted`;
                """));
    }

    @Test
    void anOperandOfAnotherBuilderIsATypeErrorNamingTheLabel() throws JsError {
        assertEquals("", run("""
                const builder = new MLGraphBuilder(context);
                const foreign = operands(new MLGraphBuilder(context));
                const wrong = [];
                for (const [name, call] of Object.entries(calls)) {
                  const label = `${name}-foreign`;
                  const result = outcome(() => call(builder, foreign, {label}));
                  if (!result.startsWith('TypeError: ') || !result.includes(`[${label}]`)) wrong.push(`${name}: ${result}`);
                }
                return wrong.join('\\n');
                """));
    }

    @Test
    void everyMethodOfABuilderThatBuiltIsAnInvalidStateError() throws JsError {
        assertEquals("", run("""
                const builder = new MLGraphBuilder(context);
                const o = operands(builder);
                await builder.build({out: builder.relu(o.x)});
                const wrong = [];
                for (const [name, call] of Object.entries(calls)) {
                  const result = outcome(() => call(builder, o, {label: name}));
                  if (!result.startsWith('InvalidStateError: ')) wrong.push(`${name}: ${result}`);
                }
                for (const [name, call] of [['input', () => builder.input('late', {dataType: 'float32', shape: [1]})],
                    ['constant', () => builder.constant('float32', 1)]]) {
                  const result = outcome(call);
                  if (!result.startsWith('InvalidStateError: ')) wrong.push(`${name}: ${result}`);
                }
                return wrong.join('\\n');
                """));
    }

    /**
     * The MLOperand members of each method's options dictionary, as the spec's IDL declares them; the positional
     * MLOperand arguments are found by counting the table's reads of the operands.
     */
    private static final String OPERAND_MEMBERS = """
            const operandMembers = {
              gemm: ['c'], conv2d: ['bias'], convTranspose2d: ['bias'],
              batchNormalization: ['bias', 'scale'], instanceNormalization: ['bias', 'scale'],
              layerNormalization: ['bias', 'scale'],
              gru: ['bias', 'initialHiddenState', 'recurrentBias'], gruCell: ['bias', 'recurrentBias'],
              lstm: ['bias', 'initialCellState', 'initialHiddenState', 'peepholeWeight', 'recurrentBias'],
              lstmCell: ['bias', 'peepholeWeight', 'recurrentBias'],
            };
            // The operands with the read number `replaced` (0-based, in argument order) answered by `value`.
            function replacing(o, replaced, value) {
              let reads = 0;
              return new Proxy(o, {get: (target, key) => (reads++ === replaced ? value : target[key])});
            }
            function operandReads(call, builder, o) {
              let reads = 0;
              try { call(builder, new Proxy(o, {get: (target, key) => (reads++, target[key])}), {}); } catch (e) {}
              return reads;
            }
            """;

    @Test
    void aNonOperandInAnyOperandPositionIsATypeErrorEvenAfterBuild() throws JsError {
        // WebIDL converts every argument, dictionary members and sequence items included, before the method's
        // steps check the builder's state.
        assertEquals("", run(OPERAND_MEMBERS + """
                const builder = new MLGraphBuilder(context);
                const o = operands(builder);
                const member = builder.input('member', {dataType: 'float32', shape: [2]});
                await builder.build({out: builder.relu(o.x)});
                const wrong = [];
                for (const [name, call] of Object.entries(calls)) {
                  const reads = operandReads(call, builder, o);
                  if (reads === 0) wrong.push(`${name}: the table reads no operand`);
                  for (const value of [null, 1, {}]) {
                    for (let k = 0; k < reads; k++) {
                      const result = outcome(() => call(builder, replacing(o, k, value), {}));
                      if (!result.startsWith('TypeError: ')) wrong.push(`${name} operand ${k} = ${value}: ${result}`);
                    }
                    for (const m of operandMembers[name] ?? []) {
                      const result = outcome(() => call(builder, o, {[m]: value}));
                      if (!result.startsWith('TypeError: ')) wrong.push(`${name} options.${m} = ${value}: ${result}`);
                    }
                  }
                  // An operand member that is an operand is well formed: the builder's state decides.
                  for (const m of operandMembers[name] ?? []) {
                    const result = outcome(() => call(builder, o, {[m]: member}));
                    if (!result.startsWith('InvalidStateError: ')) wrong.push(`${name} options.${m}: ${result}`);
                  }
                }
                return wrong.join('\\n');
                """));
    }

    @Test
    void everyOperandPositionIsCovered() throws JsError {
        // Guards the test above against a table that silently reads fewer operands than the methods take.
        assertEquals("add 2, concat 2, where 3, gru 3, lstmCell 5, conv2d 2, scatterND 3, batchNormalization 3",
                run(OPERAND_MEMBERS + """
                const builder = new MLGraphBuilder(context);
                const o = operands(builder);
                return ['add', 'concat', 'where', 'gru', 'lstmCell', 'conv2d', 'scatterND', 'batchNormalization']
                    .map((m) => `${m} ${operandReads(calls[m], builder, o)}`).join(', ');
                """));
    }

    @Test
    void argumentConversionsFailBeforeTheBuilderStateAndValidationAfterIt() throws JsError {
        assertEquals("""
                argMin axis -1: TypeError
                gru steps 2^32: TypeError
                split splits NaN: TypeError
                reshape newShape [-1]: TypeError
                cast type float64: TypeError
                conv2d inputLayout: TypeError
                pad mode: TypeError
                lstm activations: TypeError
                elu alpha NaN: TypeError
                label Symbol: TypeError
                too few arguments: TypeError
                not a builder: TypeError
                argMin axis 5: InvalidStateError
                reshape [7]: InvalidStateError
                pad reflection too wide: InvalidStateError
                foreign operand: InvalidStateError
                foreign option operand: InvalidStateError""", run("""
                const builder = new MLGraphBuilder(context);
                const o = operands(builder);
                const foreign = operands(new MLGraphBuilder(context));
                await builder.build({out: builder.relu(o.x)});
                const cases = {
                  'argMin axis -1': () => builder.argMin(o.x, -1),
                  'gru steps 2^32': () => builder.gru(o.sequence, o.gruWeight, o.gruRecurrent, 2 ** 32, 4),
                  'split splits NaN': () => builder.split(o.x, NaN),
                  'reshape newShape [-1]': () => builder.reshape(o.x, [-1]),
                  'cast type float64': () => builder.cast(o.x, 'float64'),
                  'conv2d inputLayout': () => builder.conv2d(o.image, o.filter, {inputLayout: 'chwn'}),
                  'pad mode': () => builder.pad(o.x, [1, 0], [0, 1], {mode: 'wrap'}),
                  'lstm activations': () => builder.lstm(o.sequence, o.lstmWeight, o.lstmRecurrent, 2, 4,
                      {activations: ['sigmoid', 'softmax', 'tanh']}),
                  'elu alpha NaN': () => builder.elu(o.x, {alpha: NaN}),
                  'label Symbol': () => builder.relu(o.x, {label: Symbol('l')}),
                  'too few arguments': () => builder.add(o.x),
                  'not a builder': () => MLGraphBuilder.prototype.relu.call({}, o.x),
                  'argMin axis 5': () => builder.argMin(o.x, 5),
                  'reshape [7]': () => builder.reshape(o.x, [7]),
                  'pad reflection too wide': () => builder.pad(o.x, [5, 0], [0, 5], {mode: 'reflection'}),
                  'foreign operand': () => builder.add(o.x, foreign.x),
                  'foreign option operand': () => builder.gemm(o.x, o.y, {c: foreign.x}),
                };
                return Object.entries(cases).map(([name, call]) => `${name}: ${outcome(call).split(':')[0]}`)
                    .join('\\n');
                """));
    }

    @Test
    void aShapeOverMaxTensorByteLengthIsATypeErrorBeforeAllocation() throws JsError {
        // Shapes of 2^60 bytes and more: refused by their size, so nothing of that size is ever requested.
        assertEquals("TypeError|TypeError|TypeError [big-expand]|TypeError", run("""
                const limit = context.opSupportLimits().maxTensorByteLength;
                const builder = new MLGraphBuilder(context);
                const elements = Math.floor(limit / 4) + 1;
                const name = (e) => e.name + (e.message.includes('[big-expand]') ? ' [big-expand]' : '');
                const results = [];
                results.push(outcome(() => builder.input('big', {dataType: 'float32', shape: [elements]})).split(':')[0]);
                results.push(outcome(() => builder.constant({dataType: 'float32', shape: [2 ** 31, 2 ** 31]},
                    new Float32Array(4))).split(':')[0]);
                const x = builder.input('x', {dataType: 'float32', shape: [1]});
                try { builder.expand(x, [2 ** 31, 2 ** 31], {label: 'big-expand'}); results.push('no error'); }
                catch (e) { results.push(name(e)); }
                try { await context.createTensor({dataType: 'float32', shape: [2 ** 31, 2 ** 31]}); results.push('ok'); }
                catch (e) { results.push(e.name); }
                return results.join('|');
                """));
    }
}
