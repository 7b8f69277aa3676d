// A seeded WebIDL argument fuzzer for every MLGraphBuilder, MLContext, ML, MLTensor and MLGraph method. Each case
// calls one method with a random receiver (mostly the right one) and random arguments drawn from hostile values:
// wrong types, NaN, +-Infinity, huge and negative numbers, cyclic objects, getters that throw, and getters that
// destroy the context or build the builder in the middle of the call. Every outcome must be a success, a TypeError,
// a DOMException the spec names, or the sentinel a getter threw; a host exception, an "internal error", any other
// error or a promise that never settles is a finding.
// Defines globalThis.webidlFuzz(seed, millis, maxCases) -> Promise<summary object>.
(function () {
  'use strict';
  const SENTINEL = new Error('sentinel thrown by a fuzz getter');
  const ALLOWED_DOM = new Set(['InvalidStateError', 'OperationError', 'UnknownError', 'NotSupportedError',
    'DataError', 'AbortError']);
  const TYPES = ['float32', 'float16', 'int32', 'uint32', 'int64', 'uint64', 'int8', 'uint8', 'int4', 'uint4'];
  const OPTION_NAMES = ['label', 'axis', 'axes', 'keepDimensions', 'bias', 'padding', 'strides', 'dilations',
    'groups', 'inputLayout', 'filterLayout', 'alpha', 'beta', 'minValue', 'maxValue', 'epsilon', 'scale', 'scales',
    'sizes', 'mode', 'outputPadding', 'outputSizes', 'windowDimensions', 'roundingType', 'outputShapeRounding',
    'activations', 'direction', 'layout', 'returnSequence', 'initialHiddenState', 'initialCellState',
    'recurrentBias', 'resetAfter', 'aTranspose', 'bTranspose', 'c', 'exclusive', 'reversed', 'upper', 'diagonal',
    'value', 'outputDataType', 'to', 'readable', 'writable', 'dataType', 'shape', 'accelerated',
    'powerPreference', 'deviceType'];

  function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  globalThis.webidlFuzz = async function webidlFuzz(seed, millis, maxCases) {
    const random = mulberry32(seed);
    const int = (n) => Math.floor(random() * n);
    const pick = (list) => list[int(list.length)];
    const summary = {seed, cases: 0, succeeded: 0, typeErrors: 0, domExceptions: {}, sentinels: 0,
      promises: 0, findings: [], perMethod: {}};
    const findingKinds = new Set();

    let ctx;
    let builder;
    let other;
    let operands;
    let tensors;
    let graphs;
    async function fresh() {
      if (ctx) ctx.destroy();
      ctx = await navigator.ml.createContext();
      builder = new MLGraphBuilder(ctx);
      other = new MLGraphBuilder(ctx);
      const x = builder.input('x', {dataType: 'float32', shape: [2, 2]});
      operands = [x, builder.input('i', {dataType: 'int32', shape: [2]}), builder.constant('float32', 1),
        builder.relu(x), builder.input('s', {dataType: 'float32', shape: []}),
        builder.input('big', {dataType: 'float32', shape: [1, 2, 3, 4]}),
        other.input('foreign', {dataType: 'float32', shape: [2, 2]})];
      tensors = [await ctx.createTensor({dataType: 'float32', shape: [2, 2], readable: true, writable: true}),
        await ctx.createTensor({dataType: 'int32', shape: [2], writable: true})];
      const g = new MLGraphBuilder(ctx);
      const gx = g.input('x', {dataType: 'float32', shape: [2, 2]});
      graphs = [await g.build({y: g.relu(gx)})];
    }

    const cyclicObject = {};
    cyclicObject.self = cyclicObject;
    cyclicObject.shape = cyclicObject;
    const cyclicArray = [];
    cyclicArray.push(cyclicArray, 1);
    const throwing = new Proxy({}, {get() { throw SENTINEL; }, has() { throw SENTINEL; },
      ownKeys() { throw SENTINEL; }, getOwnPropertyDescriptor() { throw SENTINEL; }});
    const primitives = [undefined, null, true, false, 0, -0, 1, -1, 2, 3, 0.5, NaN, Infinity, -Infinity, 2 ** 31,
      2 ** 32, 2 ** 32 - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, Number.MIN_VALUE, '', 'x', 'float32', 'int4',
      'nchw', 'nhwc', '0', 'x'.repeat(300), Symbol('s'), 1n, -1n, 2n ** 64n, 2n ** 63n - 1n];

    function detachedBuffer() {
      const b = new ArrayBuffer(16);
      b.transfer();
      return b;
    }

    function shape() {
      switch (int(6)) {
        case 0: return [];
        case 1: return [pick([1, 2, 3, 4])];
        case 2: return [2, 2];
        case 3: return Array.from({length: int(10)}, () => pick([1, 2, 0, -1, 2 ** 32, 2 ** 31, NaN, 3]));
        case 4: return pick([[2 ** 16, 2 ** 16], [2 ** 30], [1, 2, 3, 4, 1, 1, 1, 1, 1], cyclicArray,
          'abc', {length: 2, 0: 1, 1: 2}, new Set([1, 2])]);
        default: return [1, 2, 3, 4];
      }
    }

    function descriptor() {
      const d = {dataType: int(8) ? pick(TYPES) : value(1), shape: int(8) ? shape() : value(1)};
      if (int(3) === 0) d.readable = value(1);
      if (int(3) === 0) d.writable = value(1);
      return d;
    }

    function buffer() {
      switch (int(9)) {
        case 0: return new Float32Array(int(3) ? 4 : int(40));
        case 1: return new Int32Array(2);
        case 2: return new Uint8Array(int(20));
        case 3: return new ArrayBuffer(16);
        case 4: return new DataView(new ArrayBuffer(8), 4);
        case 5: return detachedBuffer();
        case 6: return new Float16Array(4);
        case 7: return new BigInt64Array(2);
        default: return new Float32Array(new ArrayBuffer(32), 8, 4);
      }
    }

    // Getters that reach back into the API in the middle of a conversion.
    function sabotage() {
      switch (int(4)) {
        case 0: return {get label() { ctx.destroy(); return 'gone'; }, get axis() { ctx.destroy(); return 0; },
          get dataType() { ctx.destroy(); return 'float32'; }, shape: [2]};
        case 1: return {get label() { builder.build({out: operands[3]}).catch(() => {}); return 'built'; },
          get dataType() { builder.build({out: operands[3]}).catch(() => {}); return 'float32'; }, shape: [2]};
        case 2: return {get label() { throw SENTINEL; }, get dataType() { throw SENTINEL; },
          get axis() { throw SENTINEL; }};
        default: return {get shape() { tensors[0].destroy(); return [2, 2]; }, dataType: 'float32',
          get label() { tensors[0].destroy(); graphs[0].destroy(); return 'x'; }};
      }
    }

    function options() {
      const o = {};
      for (let i = int(4); i > 0; i--) o[pick(OPTION_NAMES)] = value(1);
      return int(6) === 0 ? sabotage() : o;
    }

    function value(depth) {
      switch (int(depth > 2 ? 3 : 12)) {
        case 0: case 1: return pick(primitives);
        case 2: return pick([{}, [], cyclicObject, cyclicArray, throwing, () => 1, Promise.resolve(1),
          new Proxy([], {}), Object.create(null), new Date(0), /x/]);
        case 3: case 4: return pick(operands);
        case 5: return pick([pick(tensors), pick(graphs), ctx, builder, other, navigator.ml]);
        case 6: return descriptor();
        case 7: return buffer();
        case 8: return options();
        case 9: return sabotage();
        case 10: return Array.from({length: int(4)}, () => value(depth + 1));
        default: return shape();
      }
    }

    const builderMethods = Object.getOwnPropertyNames(MLGraphBuilder.prototype)
        .filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(MLGraphBuilder.prototype, n)
            .value === 'function');
    const contextMethods = Object.getOwnPropertyNames(MLContext.prototype)
        .filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(MLContext.prototype, n)
            .value === 'function');
    const targets = [];
    for (const name of builderMethods) targets.push({name: 'MLGraphBuilder.' + name, self: () => builder,
      fn: MLGraphBuilder.prototype[name]});
    for (const name of contextMethods) targets.push({name: 'MLContext.' + name, self: () => ctx,
      fn: MLContext.prototype[name]});
    targets.push({name: 'ML.createContext', self: () => navigator.ml, fn: ML.prototype.createContext});
    targets.push({name: 'MLTensor.destroy', self: () => pick(tensors), fn: MLTensor.prototype.destroy});
    targets.push({name: 'MLGraph.destroy', self: () => pick(graphs), fn: MLGraph.prototype.destroy});
    targets.push({name: 'new MLGraphBuilder', self: () => undefined, construct: true, fn: MLGraphBuilder});
    for (const [cls, getter] of [[MLOperand, 'dataType'], [MLOperand, 'shape'], [MLTensor, 'shape'],
      [MLContext, 'lost'], [MLContext, 'accelerated']]) {
      const get = Object.getOwnPropertyDescriptor(cls.prototype, getter).get;
      targets.push({name: cls.name + '.' + getter, self: () => pick(operands), fn: get});
    }
    // Methods that take operands: most arguments are operands of the builder, so cases get past the first check.
    function argumentsFor(target) {
      const count = int(5);
      const args = [];
      for (let i = 0; i < count; i++) {
        if (target.name.startsWith('MLGraphBuilder.') && int(3) > 0 && i < 3) args.push(pick(operands));
        else if (i === count - 1 && int(2) === 0) args.push(options());
        else args.push(value(0));
      }
      return args;
    }

    function describe(v, depth = 0) {
      try {
        if (v === undefined) return 'undefined';
        if (typeof v === 'symbol') return 'Symbol()';
        if (typeof v === 'bigint') return v + 'n';
        if (typeof v === 'function') return 'function';
        if (typeof v !== 'object' || v === null) return String(v);
        if (v === throwing) return 'throwingProxy';
        const tag = Object.prototype.toString.call(v).slice(8, -1);
        if (Array.isArray(v)) return depth > 1 ? '[...]' : '[' + v.slice(0, 6).map((x) => x === v ? 'self'
          : describe(x, depth + 1)).join(',') + ']';
        if (tag !== 'Object') return tag;
        return depth > 1 ? '{...}' : '{' + Object.keys(v).slice(0, 6).map((k) => {
          const d = Object.getOwnPropertyDescriptor(v, k);
          return k + ':' + (d.get ? 'getter' : d.value === v ? 'self' : describe(d.value, depth + 1));
        }).join(',') + '}';
      } catch (e) {
        return '?';
      }
    }

    function classify(target, args, receiverNote, e) {
      if (e === SENTINEL) {
        summary.sentinels++;
        return;
      }
      if (e instanceof TypeError) {
        summary.typeErrors++;
        return;
      }
      if (e instanceof DOMException && ALLOWED_DOM.has(e.name) && !String(e.message).startsWith('internal error')) {
        summary.domExceptions[e.name] = (summary.domExceptions[e.name] ?? 0) + 1;
        return;
      }
      let what;
      try {
        what = (e instanceof Error || e instanceof DOMException) ? e.name + ': ' + e.message
          : 'non-error ' + Object.prototype.toString.call(e) + ' ' + String(e);
      } catch (x) {
        what = 'unprintable ' + typeof e;
      }
      const kind = target.name + ' ' + what.replace(/[0-9]+/g, 'N').slice(0, 80);
      if (!findingKinds.has(kind)) {
        findingKinds.add(kind);
        summary.findings.push(`case ${summary.cases}: ${target.name}(${args.map((a) => describe(a)).join(', ')})`
          + `${receiverNote}: ${what}`);
      }
    }

    const TIMEOUT = Symbol('timeout');
    const deadline = Date.now() + millis;
    await fresh();
    async function oneCase() {
      const target = pick(targets);
      const wrongThis = int(12) === 0;
      const self = wrongThis ? value(0) : target.self();
      const args = argumentsFor(target);
      const receiverNote = wrongThis ? ' on ' + describe(self) : '';
      summary.cases++;
      summary.perMethod[target.name] = (summary.perMethod[target.name] ?? 0) + 1;
      globalThis.__current = target.name + '(' + args.map((a) => describe(a)).join(', ') + ')' + receiverNote;
      let result;
      try {
        result = target.construct ? Reflect.construct(target.fn, args) : Reflect.apply(target.fn, self, args);
      } catch (e) {
        classify(target, args, receiverNote, e);
        return;
      }
      // lost settles only when the context goes, which most cases never do.
      if (result instanceof Promise && target.name === 'MLContext.lost') {
        result.catch((e) => classify(target, args, receiverNote, e));
      } else if (result instanceof Promise) {
        summary.promises++;
        let timer;
        const settled = await Promise.race([result.then(() => undefined, (e) => ({error: e})),
          new Promise((r) => { timer = setTimeout(() => r(TIMEOUT), 5000); })]);
        clearTimeout(timer);
        if (settled === TIMEOUT) {
          classify(target, args, receiverNote, new Error('never settled'));
          return;
        }
        if (settled !== undefined) {
          classify(target, args, receiverNote, settled.error);
          return;
        }
      }
      summary.succeeded++;
    }

    summary.slowest = {millis: 0};
    summary.millisInSetup = 0;
    summary.millisInCases = 0;
    while (summary.cases < maxCases && Date.now() < deadline) {
      if (summary.cases % 25 === 0) {
        const before = Date.now();
        await fresh();
        summary.millisInSetup += Date.now() - before;
      }
      const started = Date.now();
      await oneCase();
      const took = Date.now() - started;
      summary.millisInCases += took;
      if (took > summary.slowest.millis) summary.slowest = {millis: took, call: globalThis.__current};
    }
    return summary;
  };
})();
