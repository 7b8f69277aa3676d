// ./webnn run examples/tensor-loop.mjs [STEPS]
// The MLTensor dispatch loop: one graph (an exponential moving average, state = 0.9 * state + 0.1 * sample) is
// dispatched once per step with tensors that stay on the context; the state ping-pongs between two tensors and
// nothing is read back until the end. Dispatches queue on the context's timeline in call order, so no step waits.
const steps = Number(scriptArgs[0] ?? 100);
const context = await navigator.ml.createContext();
const builder = new MLGraphBuilder(context);
const desc = {dataType: 'float32', shape: [4]};
const state = builder.input('state', desc);
const sample = builder.input('sample', desc);
const next = builder.add(builder.mul(state, builder.constant('float32', 0.9)),
    builder.mul(sample, builder.constant('float32', 0.1)));
const graph = await builder.build({next});

const tensor = (usage) => context.createTensor({...desc, ...usage});
const ping = await tensor({readable: true, writable: true});
const pong = await tensor({readable: true, writable: true});
const input = await tensor({writable: true});
context.writeTensor(ping, new Float32Array(4));
context.writeTensor(input, new Float32Array([1, 2, 3, 4]));

const start = performance.now();
let [from, to] = [ping, pong];
for (let step = 0; step < steps; step++) {
  context.dispatch(graph, {state: from, sample: input}, {next: to});
  [from, to] = [to, from];
}
const result = new Float32Array(await context.readTensor(from));
const expected = [1, 2, 3, 4].map((x) => x * (1 - 0.9 ** steps));
console.log(`${steps} dispatches in ${(performance.now() - start).toFixed(1)} ms, one read at the end`);
console.log('state:   ', Array.from(result, (v) => v.toFixed(5)).join(' '));
console.log('expected:', expected.map((v) => v.toFixed(5)).join(' '));
for (const t of [ping, pong, input]) t.destroy();
graph.destroy();
