// The WebIDL layer of WebNN (https://www.w3.org/TR/webnn/): interfaces, dictionary and enum conversions, brand
// checks and promise plumbing. Java sees only converted values and opaque handles through `native`.
(function installWebNN(native) {
  'use strict';
  const global = globalThis;
  const INTERNAL = Symbol('internal');
  // Handles must never pass through anything a script can replace (a built-in it patched, a setter it put on
  // Array.prototype), so the shim keeps its own references and holds handles only in prototype-less arrays.
  const HostArrayBuffer = ArrayBuffer;
  const setPrototypeOf = Object.setPrototypeOf;
  const handleList = () => setPrototypeOf([], null);

  // ---- WebIDL conversions ----
  const MAX_UNSIGNED_LONG = 2 ** 32 - 1;

  function prefixed(context, message) {
    return new TypeError(`${context}: ${message}`);
  }

  function isObject(v) {
    return (typeof v === 'object' && v !== null) || typeof v === 'function';
  }

  function toNumber(v, context) {
    if (typeof v === 'bigint') throw prefixed(context, 'cannot convert a BigInt to a number.');
    return Number(v);
  }

  function toUnsignedLongEnforceRange(v, context) {
    let x = toNumber(v, context);
    if (!Number.isFinite(x)) throw prefixed(context, `${String(v)} is not a finite number.`);
    x = Math.trunc(x);
    if (x < 0 || x > MAX_UNSIGNED_LONG) {
      throw prefixed(context, `${String(v)} is outside the range of unsigned long [0, ${MAX_UNSIGNED_LONG}].`);
    }
    return x === 0 ? 0 : x;
  }

  function toBoolean(v) {
    return Boolean(v);
  }

  function toDOMString(v, context) {
    if (typeof v === 'symbol') throw prefixed(context, 'cannot convert a Symbol to a string.');
    return String(v);
  }

  function toUSVString(v, context) {
    return toDOMString(v, context).toWellFormed();
  }

  function toEnum(v, values, enumName, context) {
    const s = toDOMString(v, context);
    if (!values.includes(s)) {
      throw prefixed(context, `'${s}' is not a valid value for enumeration ${enumName}.`);
    }
    return s;
  }

  // An Array whose iteration is still the built-in one: Array.prototype[Symbol.iterator] and the array iterator's
  // next() as the realm made them. Iterating such an array reads `length` and then the element, step by step, and
  // finally `length` once more; an index loop doing the same Gets in the same order is indistinguishable (a Proxy
  // of an array included), and the interpreter runs it several times faster than the iterator protocol.
  const builtinArrayValues = Array.prototype[Symbol.iterator];
  const arrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]());
  const builtinArrayIteratorNext = arrayIteratorPrototype.next;
  const isArray = Array.isArray;
  const getOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;

  function iteratesAsBuiltinArray(v, iteratorMethod) {
    if (iteratorMethod !== builtinArrayValues || !isArray(v)) return false;
    const next = getOwnPropertyDescriptor(arrayIteratorPrototype, 'next');
    return next !== undefined && next.value === builtinArrayIteratorNext;
  }

  // WebIDL's sequence<T> conversion: the value's @@iterator, each item converted in order.
  function toSequence(v, convertItem, context) {
    if (!isObject(v)) throw prefixed(context, 'the value is not a sequence (it is not an object).');
    const iteratorMethod = v[Symbol.iterator];
    if (typeof iteratorMethod !== 'function') throw prefixed(context, 'the value is not iterable.');
    const out = [];
    if (iteratesAsBuiltinArray(v, iteratorMethod)) {
      for (let i = 0; i < v.length; i++) {
        out[i] = convertItem(v[i], `${context}[${i}]`);
      }
      return out;
    }
    for (const item of {[Symbol.iterator]: () => iteratorMethod.call(v)}) {
      out.push(convertItem(item, `${context}[${out.length}]`));
    }
    return out;
  }

  // A dictionary: undefined and null are an empty one; other primitives are a TypeError.
  function toDictionary(v, context) {
    if (v === undefined || v === null) return {};
    if (!isObject(v)) throw prefixed(context, 'the value is not an object.');
    return v;
  }

  // A record<USVString, T> as two parallel prototype-less lists, since its values may be handles.
  function toRecord(v, convertValue, context) {
    const keys = handleList();
    const values = handleList();
    if (v === undefined || v === null) return {keys, values};
    if (!isObject(v)) throw prefixed(context, 'the value is not an object.');
    for (const key of Reflect.ownKeys(v)) {
      const desc = Reflect.getOwnPropertyDescriptor(v, key);
      if (desc === undefined || !desc.enumerable || typeof key === 'symbol') continue;
      const index = keys.length;
      keys[index] = toUSVString(key, context);
      values[index] = convertValue(v[key], `${context}['${key}']`);
    }
    return {keys, values};
  }

  // An MLNumber: a bigint stays a bigint, anything else becomes an unrestricted double.
  function toMLNumber(v, context) {
    if (typeof v === 'bigint') return v;
    return toNumber(v, context);
  }

  // A BufferSource (optionally shared), reduced to the ArrayBuffer Java can read and the byte range of the view.
  function toBufferRange(v, context, allowShared) {
    let buffer;
    let byteOffset = 0;
    let byteLength;
    if (ArrayBuffer.isView(v)) {
      buffer = v.buffer;
      byteOffset = v.byteOffset;
      byteLength = v.byteLength;
    } else if (v instanceof ArrayBuffer || isSharedBuffer(v)) {
      buffer = v;
      byteLength = v.byteLength;
    } else {
      throw prefixed(context, 'the value is not an ArrayBuffer, a typed array or a DataView.');
    }
    if (isSharedBuffer(buffer) && !allowShared) {
      throw prefixed(context, 'a SharedArrayBuffer is not allowed here.');
    }
    if (buffer.detached) throw prefixed(context, 'the buffer is detached.');
    return {buffer, byteOffset, byteLength};
  }

  // The typed array kinds that may carry each data type's bytes. Uint16Array still carries float16 for code
  // written before Float16Array; 4-bit values come packed in bytes. DataView and bare buffers carry anything.
  const VIEW_TYPES = {
    float32: ['Float32Array'], float16: ['Float16Array', 'Uint16Array'], int32: ['Int32Array'],
    uint32: ['Uint32Array'], int64: ['BigInt64Array'], uint64: ['BigUint64Array'], int8: ['Int8Array'],
    uint8: ['Uint8Array'], int4: ['Uint8Array', 'Int8Array'], uint4: ['Uint8Array'],
  };
  function checkViewType(view, dataType, context) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView) return;
    const kind = Object.prototype.toString.call(view).slice(8, -1);
    if (!VIEW_TYPES[dataType].includes(kind)) {
      throw prefixed(context, `a ${kind} cannot hold ${dataType} data; use ${VIEW_TYPES[dataType].join(' or ')}.`);
    }
  }

  function isSharedBuffer(v) {
    return typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer;
  }

  // Builder calls return null for an API error and leave the error to take: throwing it here is far cheaper than
  // throwing it from Java.
  function orThrow(result) {
    if (result === null) throw native.takeError();
    return result;
  }

  function requireArguments(count, required, context) {
    if (count < required) {
      throw prefixed(context, `${required} argument${required > 1 ? 's' : ''} required, but only ${count} present.`);
    }
  }

  // Gives a class the shape WebIDL prescribes: enumerable operations and attributes, the constructor's length
  // (0 for interfaces JS cannot construct), a toStringTag, and a non-enumerable global binding.
  function defineInterface(cls, name, constructorLength = 0) {
    for (const key of Reflect.ownKeys(cls.prototype)) {
      if (key === 'constructor' || typeof key === 'symbol') continue;
      const desc = Reflect.getOwnPropertyDescriptor(cls.prototype, key);
      Object.defineProperty(cls.prototype, key, {...desc, enumerable: true});
    }
    Object.defineProperty(cls, 'length', {value: constructorLength, configurable: true});
    Object.defineProperty(cls.prototype, Symbol.toStringTag, {value: name, configurable: true});
    Object.defineProperty(global, name, {value: cls, writable: true, enumerable: false, configurable: true});
  }

  function defineMethod(proto, name, fn) {
    Object.defineProperty(proto, name, {value: fn, writable: true, enumerable: true, configurable: true});
  }

  // A promise-returning operation turns every exception, conversions included, into a rejection.
  function promiseOperation(body) {
    try {
      return Promise.resolve(body());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  function illegal(token) {
    if (token !== INTERNAL) throw new TypeError('Illegal constructor');
  }

  const DATA_TYPES = ['float32', 'float16', 'int32', 'uint32', 'int64', 'uint64', 'int8', 'uint8', 'int4', 'uint4'];

  function toOperandDescriptor(v, context) {
    const dict = toDictionary(v, context);
    const dataTypeValue = dict.dataType;
    if (dataTypeValue === undefined) throw prefixed(context, "required member 'dataType' is undefined.");
    const dataType = toEnum(dataTypeValue, DATA_TYPES, 'MLOperandDataType', `${context}.dataType`);
    const shapeValue = dict.shape;
    if (shapeValue === undefined) throw prefixed(context, "required member 'shape' is undefined.");
    const shape = toSequence(shapeValue, toUnsignedLongEnforceRange, `${context}.shape`);
    return {dataType, shape};
  }

  // ---- ML ----
  class ML {
    constructor(token) {
      illegal(token);
    }

    createContext(options = undefined) {
      return promiseOperation(() => {
        if (!(this instanceof ML)) throw new TypeError('Illegal invocation');
        const dict = toDictionary(options, "Failed to execute 'createContext' on 'ML'");
        const powerPreference = dict.powerPreference === undefined ? 'default' :
          toEnum(dict.powerPreference, ['default', 'high-performance', 'low-power'], 'MLPowerPreference',
              'createContext: powerPreference');
        const accelerated = dict.accelerated === undefined ? true : toBoolean(dict.accelerated);
        // deviceType left the spec but WPT variants still pass it: it stays a hint for choosing the device.
        const deviceType = dict.deviceType === undefined ? null :
          toEnum(dict.deviceType, ['cpu', 'gpu', 'npu'], 'MLDeviceType', 'createContext: deviceType');
        const handle = native.createContext(deviceType, powerPreference, accelerated);
        return new MLContext(INTERNAL, handle, accelerated && deviceType !== 'cpu');
      });
    }
  }
  defineInterface(ML, 'ML');

  // ---- MLContext ----
  let contextHandle;
  class MLContext {
    #handle;
    #lost;
    #accelerated;
    #limitsFactory;
    constructor(token, handle, accelerated) {
      illegal(token);
      this.#handle = handle;
      this.#accelerated = accelerated;
      this.#lost = new Promise((resolve) => native.onLost(handle, (message) => resolve({message})));
    }
    static {
      contextHandle = (o, context) => {
        if (!isObject(o) || !(#handle in o)) throw prefixed(context, "parameter is not of type 'MLContext'.");
        return o.#handle;
      };
    }

    // A promise-typed attribute reports a wrong `this` as a rejection, not a throw.
    get lost() {
      try {
        contextHandle(this, 'MLContext.lost');
      } catch (e) {
        return Promise.reject(e);
      }
      return this.#lost;
    }

    get accelerated() {
      contextHandle(this, 'MLContext.accelerated');
      return this.#accelerated;
    }

    opSupportLimits() {
      const handle = contextHandle(this, "Failed to execute 'opSupportLimits' on 'MLContext'");
      this.#limitsFactory ??= native.opSupportLimitsFactory(handle);
      return this.#limitsFactory();
    }

    createTensor(descriptor) {
      return promiseOperation(() => {
        const where = "Failed to execute 'createTensor' on 'MLContext'";
        const handle = contextHandle(this, where);
        requireArguments(arguments.length, 1, where);
        const {dataType, shape, readable, writable} = toTensorDescriptor(descriptor, where);
        const tensor = native.createTensor(handle, dataType, shape, readable, writable);
        return new MLTensor(INTERNAL, tensor, this, {dataType, shape, readable, writable, constant: false});
      });
    }

    createConstantTensor(descriptor, inputData) {
      return promiseOperation(() => {
        const where = "Failed to execute 'createConstantTensor' on 'MLContext'";
        const handle = contextHandle(this, where);
        requireArguments(arguments.length, 2, where);
        const {dataType, shape} = toOperandDescriptor(descriptor, `${where}: descriptor`);
        const {buffer, byteOffset, byteLength} = toBufferRange(inputData, `${where}: inputData`, true);
        const tensor = native.createConstantTensor(handle, dataType, shape, buffer, byteOffset, byteLength);
        return new MLTensor(INTERNAL, tensor, this,
            {dataType, shape, readable: false, writable: false, constant: true});
      });
    }

    writeTensor(tensor, inputData) {
      const where = "Failed to execute 'writeTensor' on 'MLContext'";
      const handle = contextHandle(this, where);
      requireArguments(arguments.length, 2, where);
      const tensorHandle = tensorHandleOf(tensor, `${where}: parameter 1`);
      const {buffer, byteOffset, byteLength} = toBufferRange(inputData, `${where}: parameter 2`, true);
      native.writeTensor(handle, tensorHandle, buffer, byteOffset, byteLength);
    }

    readTensor(tensor, outputData = undefined) {
      return promiseOperation(() => {
        const where = "Failed to execute 'readTensor' on 'MLContext'";
        const handle = contextHandle(this, where);
        requireArguments(arguments.length, 1, where);
        const tensorHandle = tensorHandleOf(tensor, `${where}: parameter 1`);
        const target = arguments.length > 1 ? toBufferRange(outputData, `${where}: parameter 2`, true) : null;
        if (target !== null && target.byteLength < tensorByteLength(tensor)) {
          throw prefixed(where, `the output buffer has ${target.byteLength} bytes but the tensor has ` +
              `${tensorByteLength(tensor)}.`);
        }
        return new Promise((resolve, reject) => {
          const stillPending = trackPendingRead(tensor, reject);
          const rejectPending = (e) => { if (stillPending()) reject(e); };
          // The engine hands over a private copy, so an ArrayBuffer can wrap it without another copy. Into the
          // caller's buffer, one typed-array copy here: through the host, one call per 8 bytes, 3 MB took 12-21 ms.
          native.readTensor(handle, tensorHandle, (hostBytes) => {
            if (!stillPending()) return;
            const bytes = new HostArrayBuffer(hostBytes);
            if (target === null) {
              resolve(bytes);
            } else if (target.buffer.byteLength < target.byteOffset + bytes.byteLength) {
              // Detached (its length is then 0) or shrunk since the call.
              reject(prefixed(where, 'the output buffer was detached or is too small.'));
            } else {
              try {
                new Uint8Array(target.buffer, target.byteOffset, bytes.byteLength).set(new Uint8Array(bytes));
                resolve(undefined);
              } catch (e) {
                reject(e); // never a promise left pending
              }
            }
          }, rejectPending);
        });
      });
    }

    dispatch(graph, inputs, outputs) {
      const where = "Failed to execute 'dispatch' on 'MLContext'";
      const handle = contextHandle(this, where);
      requireArguments(arguments.length, 3, where);
      const graphHandle = graphHandleOf(graph, `${where}: parameter 1`);
      const ins = toRecord(inputs, tensorHandleOf, `${where}: inputs`);
      const outs = toRecord(outputs, tensorHandleOf, `${where}: outputs`);
      native.dispatch(handle, graphHandle, ins.keys, ins.values, outs.keys, outs.values);
    }

    destroy() {
      native.destroyContext(contextHandle(this, "Failed to execute 'destroy' on 'MLContext'"));
    }
  }
  defineInterface(MLContext, 'MLContext');

  function toTensorDescriptor(v, context) {
    const {dataType, shape} = toOperandDescriptor(v, `${context}: descriptor`);
    const dict = toDictionary(v, context);
    return {
      dataType,
      shape,
      readable: dict.readable === undefined ? false : toBoolean(dict.readable),
      writable: dict.writable === undefined ? false : toBoolean(dict.writable),
    };
  }

  // ---- MLTensor ----
  let tensorHandleOf;
  let tensorByteLength;
  let trackPendingRead;
  const BITS = {float32: 32, float16: 16, int32: 32, uint32: 32, int64: 64, uint64: 64, int8: 8, uint8: 8,
    int4: 4, uint4: 4};
  class MLTensor {
    #handle;
    #context;
    #info;
    // The rejecters of readTensor promises not yet settled, in call order ([[pendingPromises]]).
    #pendingReads = new Set();
    constructor(token, handle, context, info) {
      illegal(token);
      this.#handle = handle;
      this.#context = context;
      this.#info = Object.freeze({...info, shape: Object.freeze([...info.shape])});
    }
    static {
      tensorHandleOf = (o, context) => {
        if (!isObject(o) || !(#handle in o)) throw prefixed(context, "parameter is not of type 'MLTensor'.");
        return o.#handle;
      };
      // Returns a function that ends the tracking and says whether the read was still pending, so an answer
      // arriving from the timeline after destroy() settles nothing.
      trackPendingRead = (o, reject) => {
        o.#pendingReads.add(reject);
        return () => o.#pendingReads.delete(reject);
      };
      tensorByteLength = (o) => {
        const elements = o.#info.shape.reduce((a, b) => a * b, 1);
        return Math.ceil(elements * BITS[o.#info.dataType] / 8);
      };
    }
    get dataType() { tensorHandleOf(this, 'MLTensor.dataType'); return this.#info.dataType; }
    get shape() { tensorHandleOf(this, 'MLTensor.shape'); return this.#info.shape; }
    get readable() { tensorHandleOf(this, 'MLTensor.readable'); return this.#info.readable; }
    get writable() { tensorHandleOf(this, 'MLTensor.writable'); return this.#info.writable; }
    get constant() { tensorHandleOf(this, 'MLTensor.constant'); return this.#info.constant; }
    // The spec rejects the pending reads within destroy() itself, in the order they were made: all of them settle
    // in this task, so a script awaiting them one after the other leaves none unhandled.
    destroy() {
      native.destroyTensor(tensorHandleOf(this, "Failed to execute 'destroy' on 'MLTensor'"));
      const pending = [...this.#pendingReads];
      this.#pendingReads.clear();
      for (const reject of pending) {
        reject(new DOMException('The tensor was destroyed.', 'InvalidStateError'));
      }
    }
  }
  defineInterface(MLTensor, 'MLTensor');

  // ---- MLGraph ----
  let graphHandleOf;
  class MLGraph {
    #handle;
    constructor(token, handle) {
      illegal(token);
      this.#handle = handle;
    }
    static {
      graphHandleOf = (o, context) => {
        if (!isObject(o) || !(#handle in o)) throw prefixed(context, "parameter is not of type 'MLGraph'.");
        return o.#handle;
      };
    }
    destroy() {
      native.destroyGraph(graphHandleOf(this, "Failed to execute 'destroy' on 'MLGraph'"));
    }
  }
  defineInterface(MLGraph, 'MLGraph');

  // ---- MLOperand ----
  let operandParts;
  class MLOperand {
    #handle;
    #builder;
    #dataType;
    #shape;
    // `known` is the converted descriptor the operand was made from (input() and constant() have it, and Java
    // keeps it as given), which saves a round trip through Java and JSON; an operator's outputs come from Java.
    constructor(token, handle, builder, known = undefined) {
      illegal(token);
      this.#handle = handle;
      this.#builder = builder;
      const {dataType, shape} = known ?? JSON.parse(native.describe(handle));
      this.#dataType = dataType;
      this.#shape = Object.freeze(shape);
    }
    static {
      operandParts = (o, context) => {
        if (!isObject(o) || !(#handle in o)) throw prefixed(context, "parameter is not of type 'MLOperand'.");
        return {handle: o.#handle, builder: o.#builder};
      };
    }
    get dataType() { operandParts(this, 'MLOperand.dataType'); return this.#dataType; }
    get shape() { operandParts(this, 'MLOperand.shape'); return this.#shape; }
  }
  defineInterface(MLOperand, 'MLOperand');

  // ---- MLGraphBuilder ----
  let builderParts;
  let addOperation;
  class MLGraphBuilder {
    #handle;
    #context;
    constructor(context) {
      const where = "Failed to construct 'MLGraphBuilder'";
      requireArguments(arguments.length, 1, where);
      this.#handle = native.newBuilder(contextHandle(context, `${where}: parameter 1`));
      this.#context = context;
    }
    static {
      builderParts = (o, context) => {
        if (!isObject(o) || !(#handle in o)) throw prefixed(context, "parameter is not of type 'MLGraphBuilder'.");
        return {handle: o.#handle, context: o.#context};
      };
    }

    input(name, descriptor) {
      const where = "Failed to execute 'input' on 'MLGraphBuilder'";
      const {handle} = builderParts(this, where);
      requireArguments(arguments.length, 2, where);
      const inputName = toUSVString(name, `${where}: name`);
      const known = toOperandDescriptor(descriptor, `${where}: descriptor`);
      return new MLOperand(INTERNAL, orThrow(native.input(handle, inputName, known.dataType, known.shape)), this,
          known);
    }

    constant(first, second) {
      const where = "Failed to execute 'constant' on 'MLGraphBuilder'";
      const {handle, context} = builderParts(this, where);
      requireArguments(arguments.length, 1, where);
      if (arguments.length === 1) {
        throw prefixed(where, 'constant(MLTensor) is not supported yet.');
      }
      // Overload resolution: a dictionary (object, undefined or null) picks (descriptor, buffer); a primitive
      // picks (type, value).
      if (first === undefined || first === null || isObject(first)) {
        const known = toOperandDescriptor(first, `${where}: descriptor`);
        const {dataType, shape} = known;
        checkViewType(second, dataType, `${where}: buffer`);
        const {buffer, byteOffset, byteLength} = toBufferRange(second, `${where}: buffer`,
            global.crossOriginIsolated === true);
        return new MLOperand(INTERNAL,
            orThrow(native.constant(handle, dataType, shape, buffer, byteOffset, byteLength)), this, known);
      }
      const dataType = toEnum(first, DATA_TYPES, 'MLOperandDataType', `${where}: type`);
      const value = toMLNumber(second, `${where}: value`);
      return new MLOperand(INTERNAL, orThrow(native.scalarConstant(handle, dataType, value)), this);
    }

    build(outputs) {
      return promiseOperation(() => {
        const where = "Failed to execute 'build' on 'MLGraphBuilder'";
        const {handle, context} = builderParts(this, where);
        requireArguments(arguments.length, 1, where);
        const named = toRecord(outputs, (v, c) => this.#operandHandle(v, c), `${where}: outputs`);
        return new Promise((resolve, reject) => {
          native.build(contextHandle(context, where), handle, named.keys, named.values,
              (graph) => resolve(new MLGraph(INTERNAL, graph)), reject);
        });
      });
    }

    #operandHandle(v, context) {
      const {handle, builder} = operandParts(v, context);
      if (builder !== this) throw prefixed(context, 'the operand belongs to another builder.');
      return handle;
    }

    // Adds one operation; every builder method goes through here. Not a member, so scripts cannot call it.
    static {
      addOperation = (self, name, operands, attributes, options) => {
        const where = `Failed to execute '${name}' on 'MLGraphBuilder'`;
        const {handle} = builderParts(self, where);
        const label = toUSVString(options.label ?? '', `${where}: label`);
        // The operator files pass operands already converted by toOperand, or null for an absent optional one.
        // Whether an operand belongs to this builder is a method step that follows the builder's state check, so
        // the engine makes it.
        const handles = handleList();
        for (let i = 0; i < operands.length; i++) {
          handles[i] = operands[i] === null ? null : operandParts(operands[i], `${where}: parameter ${i + 1}`).handle;
        }
        const results = orThrow(native.op(handle, name, handles, attributes, label));
        const made = [];
        for (let i = 0; i < results.length; i++) {
          made[i] = new MLOperand(INTERNAL, results[i], self);
        }
        return made;
      };
    }
  }
  defineInterface(MLGraphBuilder, 'MLGraphBuilder', 1);

  // WebIDL's conversion to MLOperand, which every operator applies to each of its MLOperand arguments (and each
  // item of a sequence<MLOperand>) in argument order, before its steps check the builder's state: anything but an
  // MLOperand, null and undefined included, is a TypeError even on a builder that has built.
  function toOperand(v, context) {
    operandParts(v, context);
    return v;
  }

  // An optional MLOperand member of an options dictionary: absent (null, as addOperation takes it) when undefined;
  // null itself is not an MLOperand.
  function operandMember(dict, member, context) {
    const v = dict[member];
    return v === undefined ? null : toOperand(v, `${context}.${member}`);
  }

  // Converts the leading MLOperand arguments of an operator in order, as parameters 1, 2, ...; returns the same
  // list. A plain loop: Array.prototype's methods are the script's to replace.
  function toOperandArguments(name, values) {
    const where = `Failed to execute '${name}' on 'MLGraphBuilder'`;
    for (let i = 0; i < values.length; i++) {
      toOperand(values[i], `${where}: parameter ${i + 1}`);
    }
    return values;
  }

  function operatorOptions(v, name) {
    return toDictionary(v, `Failed to execute '${name}' on 'MLGraphBuilder': options`);
  }

  // Defines an MLGraphBuilder method the way WebIDL does: writable, enumerable, configurable, with the IDL name and
  // the count of required arguments as its length.
  function defineOperator(name, fn) {
    Object.defineProperty(fn, 'name', {value: name});
    defineMethod(MLGraphBuilder.prototype, name, fn);
  }

  const ml = new ML(INTERNAL);
  const navigatorPrototype = Object.getPrototypeOf(navigator);
  Object.defineProperty(navigatorPrototype, 'ml', {
    get: Object.getOwnPropertyDescriptor({
      get ml() {
        if (this !== navigator) throw new TypeError('Illegal invocation');
        return ml;
      },
    }, 'ml').get,
    enumerable: true,
    configurable: true,
  });

  // What the operator files (ops/*.js) build on: conversions, the operation funnel and the method definer.
  return Object.freeze({
    defineOperator,
    addOperation,
    operatorOptions,
    toOperand,
    operandMember,
    toOperandArguments,
    requireArguments,
    prefixed,
    isObject,
    toNumber,
    toUnsignedLongEnforceRange,
    toBoolean,
    toDOMString,
    toEnum,
    toSequence,
    toDictionary,
    toMLNumber,
    DATA_TYPES,
    graphHandleOf: (graph, context) => graphHandleOf(graph, context),
  });
})
