// The smallest WebNN program: build c = relu(a + b) for 2x3 float32 tensors, run it once, print the result.
const context = await navigator.ml.createContext();
const builder = new MLGraphBuilder(context);
const descriptor = {dataType: 'float32', shape: [2, 3]};
const a = builder.input('a', descriptor);
const b = builder.constant(descriptor, new Float32Array([1, -2, 3, -4, 5, -6]));
const graph = await builder.build({c: builder.relu(builder.add(a, b))});

const input = await context.createTensor({...descriptor, writable: true});
const output = await context.createTensor({...descriptor, readable: true});
context.writeTensor(input, new Float32Array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]));
context.dispatch(graph, {a: input}, {c: output});
const c = new Float32Array(await context.readTensor(output));
console.log('relu(a + b) =', Array.from(c).join(', '));
