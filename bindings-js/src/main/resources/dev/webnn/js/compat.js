// Shims for the API shapes of older WebNN drafts that published samples still use, loaded after webnn.js and the
// operator files when a realm enables WebApi.LEGACY_WEBNN (`./webnn run` does, unless --strict). Everything here
// rewrites an old call into the current API and then calls that; nothing reaches the engine another way. Each
// shape accepted is reported once through the realm's diagnostics, naming the current API. Shapes that cannot be
// rewritten faithfully throw a TypeError that names what to use instead. README.md "Compatibility" lists both.
(function installLegacyWebNN(native, api) {
  'use strict';
  const global = globalThis;
  const {defineOperator, isObject, prefixed, graphHandleOf} = api;

  const reported = new Set();
  function deprecated(key, message) {
    if (reported.has(key)) return;
    reported.add(key);
    native.diagnostic(`compat: ${message}`);
  }

  function isOperand(v) {
    return v instanceof MLOperand;
  }

  // Redefines a method keeping what WebIDL gave it (name, length, attributes).
  function wrap(proto, name, makeReplacement) {
    const original = proto[name];
    const replacement = makeReplacement(original);
    Object.defineProperty(replacement, 'name', {value: name});
    Object.defineProperty(replacement, 'length', {value: original.length});
    Object.defineProperty(proto, name, {value: replacement, writable: true, enumerable: true, configurable: true});
  }

  function removed(proto, name, message) {
    const fn = {[name]() { throw new TypeError(`${name}() was removed from WebNN: ${message}`); }}[name];
    Object.defineProperty(proto, name, {value: fn, writable: true, enumerable: false, configurable: true});
  }

  // ---- descriptors: {type, dimensions} were renamed {dataType, shape} ----
  function currentDescriptor(d, where) {
    if (!isObject(d) || (d.type === undefined && d.dimensions === undefined)) return d;
    const copy = Object.assign({}, d);
    if (d.type !== undefined) {
      if (d.dataType !== undefined && String(d.dataType) !== String(d.type)) {
        throw prefixed(where, `descriptor.type ('${d.type}') and descriptor.dataType ('${d.dataType}') disagree; ` +
            `'type' is the old name of 'dataType'.`);
      }
      if (d.dataType === undefined) {
        deprecated('type', "operand descriptor member 'type' is the old name of 'dataType'");
        copy.dataType = d.type;
      }
    }
    if (d.dimensions !== undefined && d.shape === undefined) {
      deprecated('dimensions', "operand descriptor member 'dimensions' is the old name of 'shape'");
      copy.shape = d.dimensions;
    }
    delete copy.type;
    delete copy.dimensions;
    return copy;
  }

  wrap(MLGraphBuilder.prototype, 'input', (original) => function(name, descriptor) {
    if (arguments.length < 2) return original.apply(this, arguments);
    return original.call(this, name, currentDescriptor(descriptor, "Failed to execute 'input' on 'MLGraphBuilder'"));
  });

  // constant(descriptor, buffer) with an old descriptor, and the oldest constant(value, type = 'float32') whose
  // arguments the current constant(type, value) swapped.
  wrap(MLGraphBuilder.prototype, 'constant', (original) => function(first, second) {
    if (typeof first === 'number' || typeof first === 'bigint') {
      deprecated('constant-value-type', "constant(value, type) is the old form of constant(type, value)");
      return original.call(this, second === undefined ? 'float32' : second, first);
    }
    if (arguments.length < 2) return original.apply(this, arguments);
    return original.call(this, currentDescriptor(first, "Failed to execute 'constant' on 'MLGraphBuilder'"), second);
  });

  // ---- tensors: MLTensorUsage flags became the readable and writable members ----
  const MLTensorUsage = Object.freeze({WEBGPU_INTEROP: 1, READ: 2, WRITE: 4});
  if (global.MLTensorUsage === undefined) {
    Object.defineProperty(global, 'MLTensorUsage', {value: MLTensorUsage, writable: true, configurable: true});
  }
  function currentTensorDescriptor(d, where) {
    const copy = currentDescriptor(d, where);
    if (!isObject(copy) || copy.usage === undefined) return copy;
    deprecated('usage', "MLTensorDescriptor.usage is the old form of the 'readable' and 'writable' members");
    const usage = Number(copy.usage);
    const current = Object.assign({}, copy);
    delete current.usage;
    current.readable ??= (usage & MLTensorUsage.READ) !== 0;
    current.writable ??= (usage & MLTensorUsage.WRITE) !== 0;
    return current;
  }
  wrap(MLContext.prototype, 'createTensor', (original) => function(descriptor) {
    if (arguments.length < 1) return original.apply(this, arguments);
    return original.call(this, currentTensorDescriptor(descriptor, "Failed to execute 'createTensor' on 'MLContext'"));
  });
  wrap(MLContext.prototype, 'createConstantTensor', (original) => function(descriptor, data) {
    if (arguments.length < 2) return original.apply(this, arguments);
    return original.call(this,
        currentDescriptor(descriptor, "Failed to execute 'createConstantTensor' on 'MLContext'"), data);
  });

  // ---- MLOperand.shape() was a method before it became an attribute ----
  // The attribute's frozen array becomes callable, so both operand.shape[1] and operand.shape()[1] read it.
  const shapeGetter = Object.getOwnPropertyDescriptor(MLOperand.prototype, 'shape').get;
  const callableShapes = new WeakMap();
  function callableShape(dims) {
    const fn = function shape() {
      deprecated('shape()', 'MLOperand.shape() is the old form of the MLOperand.shape attribute');
      return dims;
    };
    Object.defineProperty(fn, 'length', {value: dims.length});
    dims.forEach((d, i) => Object.defineProperty(fn, i, {value: d, enumerable: true}));
    Object.defineProperty(fn, 'toJSON', {value: () => [...dims]});
    Object.setPrototypeOf(fn, Array.prototype);
    return Object.freeze(fn);
  }
  Object.defineProperty(MLOperand.prototype, 'shape', {
    get: Object.getOwnPropertyDescriptor({get shape() {
      const shape = shapeGetter.call(this);
      let callable = callableShapes.get(this);
      if (callable === undefined) {
        callable = callableShape(shape);
        callableShapes.set(this, callable);
      }
      return callable;
    }}, 'shape').get,
    enumerable: true,
    configurable: true,
  });
  const shapeOf = (operand) => shapeGetter.call(operand);

  // softmax(input, options) picks the last axis from input.shape, which is no Array here: give it the axis.
  wrap(MLGraphBuilder.prototype, 'softmax', (original) => function(input, axis, options) {
    if (arguments.length < 3 && isOperand(input) && (axis === undefined || axis === null || isObject(axis))) {
      return original.call(this, input, Math.max(shapeOf(input).length - 1, 0), axis);
    }
    return original.apply(this, arguments);
  });

  // ---- activations: relu(), clamp({minValue, maxValue}), ... without an input made an MLActivation that
  // conv2d, convTranspose2d and batchNormalization fused through options.activation, and gru/lstm took as
  // options.activations. Here the activation is applied as its own operation after the op. ----
  const ACTIVATIONS = ['clamp', 'elu', 'gelu', 'hardSigmoid', 'hardSwish', 'leakyRelu', 'linear', 'relu', 'sigmoid',
    'softplus', 'softsign', 'tanh'];
  const applyActivation = new Map();
  class MLActivation {
    #name;
    #options;
    constructor(token, name, options) {
      if (token !== applyActivation) throw new TypeError('Illegal constructor');
      this.#name = name;
      this.#options = options;
    }
    static nameOf(activation) {
      return activation instanceof MLActivation ? activation.#name : null;
    }
    static apply(activation, builder, input) {
      return applyActivation.get(activation.#name).call(builder, input, activation.#options);
    }
  }
  Object.defineProperty(MLActivation.prototype, Symbol.toStringTag, {value: 'MLActivation', configurable: true});
  Object.defineProperty(global, 'MLActivation', {value: MLActivation, writable: true, configurable: true});

  for (const name of ACTIVATIONS) {
    wrap(MLGraphBuilder.prototype, name, (original) => {
      applyActivation.set(name, original);
      return function(input, options) {
        if (isOperand(input) || !(input === undefined || input === null || isObject(input))) {
          return original.apply(this, arguments);
        }
        deprecated(`activation-${name}`, `${name}() without an input (an MLActivation) is gone from WebNN; ` +
            `apply ${name}(input) to the op's output instead`);
        if (name === 'softplus' && isObject(input) && input.steepness !== undefined && Number(input.steepness) !== 1) {
          throw new TypeError('softplus: the steepness option was removed from WebNN; only steepness 1 can be ' +
              'shimmed (scale the input instead).');
        }
        return new MLActivation(applyActivation, name, input ?? undefined);
      };
    });
  }

  function withoutActivation(options, method) {
    if (!isObject(options) || options.activation === undefined) return null;
    const activation = options.activation;
    if (MLActivation.nameOf(activation) === null) {
      throw new TypeError(`Failed to execute '${method}' on 'MLGraphBuilder': options.activation is not an ` +
          `MLActivation (make one with, e.g., builder.relu()).`);
    }
    deprecated(`fused-${method}`, `${method}'s options.activation is gone from WebNN; ` +
        `the shim applies the activation as its own operation`);
    const rest = Object.assign({}, options);
    delete rest.activation;
    return {rest, activation};
  }
  for (const [method, optionsIndex] of [['conv2d', 2], ['convTranspose2d', 2], ['batchNormalization', 3]]) {
    wrap(MLGraphBuilder.prototype, method, (original) => function(...args) {
      let options = args[optionsIndex];
      const fused = withoutActivation(options, method);
      if (fused !== null) options = fused.rest;
      if (method === 'conv2d') options = explicitConvPadding(args[0], args[1], options);
      if (method === 'convTranspose2d') rejectAutoPad(options, method);
      if (options !== args[optionsIndex]) args[optionsIndex] = options;
      const output = original.apply(this, args);
      return fused === null ? output : MLActivation.apply(fused.activation, this, output);
    });
  }

  const RECURRENT_ACTIVATIONS = ['relu', 'sigmoid', 'tanh'];
  for (const [method, optionsIndex] of [['gru', 5], ['gruCell', 5], ['lstm', 5], ['lstmCell', 6]]) {
    wrap(MLGraphBuilder.prototype, method, (original) => function(...args) {
      const options = args[optionsIndex];
      if (isObject(options) && Array.isArray(options.activations) &&
          options.activations.some((a) => MLActivation.nameOf(a) !== null)) {
        deprecated(`activations-${method}`, `${method}'s options.activations takes names ('relu', 'sigmoid', ` +
            `'tanh') now, not MLActivation objects`);
        const activations = options.activations.map((a) => {
          const name = MLActivation.nameOf(a);
          if (name === null) return a;
          if (!RECURRENT_ACTIVATIONS.includes(name)) {
            throw new TypeError(`Failed to execute '${method}' on 'MLGraphBuilder': a recurrent activation is one ` +
                `of ${RECURRENT_ACTIVATIONS.join(', ')}, not ${name}.`);
          }
          return name;
        });
        args[optionsIndex] = Object.assign({}, options, {activations});
      }
      return original.apply(this, args);
    });
  }

  // ---- autoPad: 'same-upper' and 'same-lower' padding became explicit padding ----
  function samePadding(inputSize, filterSize, stride, dilation, mode) {
    const outputSize = Math.ceil(inputSize / stride);
    const effectiveFilter = (filterSize - 1) * dilation + 1;
    const total = Math.max(0, (outputSize - 1) * stride + effectiveFilter - inputSize);
    const small = Math.floor(total / 2);
    return mode === 'same-upper' ? [small, total - small] : [total - small, small];
  }
  function autoPadMode(options, method) {
    if (!isObject(options) || options.autoPad === undefined || options.autoPad === 'explicit') return null;
    if (options.padding !== undefined) return null;
    const mode = String(options.autoPad);
    if (mode !== 'same-upper' && mode !== 'same-lower') {
      throw new TypeError(`Failed to execute '${method}' on 'MLGraphBuilder': autoPad '${mode}' is not one of ` +
          `'explicit', 'same-upper', 'same-lower'.`);
    }
    deprecated(`autoPad-${method}`, `${method}'s options.autoPad is gone from WebNN; the shim computes the ` +
        `explicit options.padding`);
    return mode;
  }
  function withPadding(options, spatial, windowSize) {
    const strides = options.strides ?? [1, 1];
    const dilations = options.dilations ?? [1, 1];
    const mode = String(options.autoPad);
    const [top, bottom] = samePadding(spatial[0], windowSize[0], strides[0], dilations[0], mode);
    const [left, right] = samePadding(spatial[1], windowSize[1], strides[1], dilations[1], mode);
    return Object.assign({}, options, {padding: [top, bottom, left, right]});
  }
  const FILTER_HW = {oihw: [2, 3], hwio: [0, 1], ohwi: [1, 2], ihwo: [1, 2]};
  function explicitConvPadding(input, filter, options) {
    if (autoPadMode(options, 'conv2d') === null || !isOperand(input) || !isOperand(filter)) return options;
    const inputShape = shapeOf(input);
    const filterShape = shapeOf(filter);
    const nhwc = options.inputLayout === 'nhwc';
    const spatial = nhwc ? [inputShape[1], inputShape[2]] : [inputShape[2], inputShape[3]];
    const [h, w] = FILTER_HW[options.filterLayout ?? 'oihw'] ?? FILTER_HW.oihw;
    return withPadding(options, spatial, [filterShape[h], filterShape[w]]);
  }
  function rejectAutoPad(options, method) {
    if (isObject(options) && options.padding === undefined &&
        (options.autoPad === 'same-upper' || options.autoPad === 'same-lower')) {
      throw new TypeError(`Failed to execute '${method}' on 'MLGraphBuilder': options.autoPad is gone from WebNN ` +
          `and is not shimmed for ${method}; give options.padding (and outputSizes) explicitly.`);
    }
  }
  for (const method of ['averagePool2d', 'l2Pool2d', 'maxPool2d']) {
    wrap(MLGraphBuilder.prototype, method, (original) => function(input, options) {
      if (autoPadMode(options, method) === null || !isOperand(input)) return original.apply(this, arguments);
      const shape = shapeOf(input);
      const nhwc = options.layout === 'nhwc';
      const spatial = nhwc ? [shape[1], shape[2]] : [shape[2], shape[3]];
      const windowSize = options.windowDimensions ?? spatial;
      return original.call(this, input, withPadding(options, spatial, windowSize));
    });
  }

  // ---- reshape: one null (or -1) dimension was inferred from the others ----
  wrap(MLGraphBuilder.prototype, 'reshape', (original) => function(input, newShape, options) {
    if (!isOperand(input) || !Array.isArray(newShape) || !newShape.some((d) => d === null || d === -1)) {
      return original.apply(this, arguments);
    }
    const where = "Failed to execute 'reshape' on 'MLGraphBuilder'";
    const free = newShape.filter((d) => d === null || d === -1).length;
    if (free > 1) throw prefixed(where, 'only one dimension of newShape can be inferred (null or -1).');
    deprecated('reshape-infer', 'reshape() infers no dimension now (null or -1 in newShape); give every size');
    const elements = shapeOf(input).reduce((a, b) => a * b, 1);
    const known = newShape.reduce((a, d) => (d === null || d === -1 ? a : a * d), 1);
    if (known === 0 || elements % known !== 0) {
      throw prefixed(where, `the input's ${elements} elements cannot take the shape [${newShape}].`);
    }
    const inferred = newShape.map((d) => (d === null || d === -1 ? elements / known : d));
    return arguments.length > 2 ? original.call(this, input, inferred, options) : original.call(this, input, inferred);
  });

  // ---- context.compute(graph, inputs, outputs): one call that wrote the inputs, ran the graph and read the
  // outputs into the given views. Rewritten over tensors and dispatch. Unlike the old API the buffers are not
  // transferred: the result holds the same views, outputs filled in. ----
  MLContext.prototype.compute = async function compute(graph, inputs, outputs) {
    const where = "Failed to execute 'compute' on 'MLContext'";
    deprecated('compute', 'context.compute() is gone from WebNN; use createTensor, writeTensor, dispatch and ' +
        'readTensor');
    const {inputs: inputDescriptors, outputs: outputDescriptors} =
        JSON.parse(native.describeGraph(graphHandleOf(graph, `${where}: parameter 1`)));
    const created = [];
    try {
      const inputTensors = {};
      for (const [name, view] of Object.entries(inputs ?? {})) {
        const descriptor = inputDescriptors[name];
        if (descriptor === undefined) throw prefixed(where, `the graph has no input '${name}'.`);
        const tensor = await this.createTensor({...descriptor, writable: true});
        created.push(tensor);
        this.writeTensor(tensor, view);
        inputTensors[name] = tensor;
      }
      const outputTensors = {};
      for (const name of Object.keys(outputs ?? {})) {
        const descriptor = outputDescriptors[name];
        if (descriptor === undefined) throw prefixed(where, `the graph has no output '${name}'.`);
        const tensor = await this.createTensor({...descriptor, readable: true});
        created.push(tensor);
        outputTensors[name] = tensor;
      }
      this.dispatch(graph, inputTensors, outputTensors);
      for (const [name, tensor] of Object.entries(outputTensors)) {
        await this.readTensor(tensor, outputs[name]);
      }
      return {graph, inputs, outputs};
    } finally {
      created.forEach((t) => t.destroy());
    }
  };
  Object.defineProperty(MLContext.prototype, 'compute', {enumerable: false});

  // ---- synchronous forms that cannot be shimmed: a clear message instead of "is not a function" ----
  removed(MLContext.prototype, 'computeSync', 'use createTensor, writeTensor, dispatch and await readTensor');
  removed(MLGraphBuilder.prototype, 'buildSync', 'use await builder.build(outputs)');
  removed(MLGraph.prototype, 'compute', 'use context.dispatch(graph, inputTensors, outputTensors)');
  removed(ML.prototype, 'createContextSync', 'use await navigator.ml.createContext(options)');
})
