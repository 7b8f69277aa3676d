// The web platform basics a WPT file, testharness.js or a WebNN sample expects of its global.
// Evaluated first in every realm; `native` is the realm's Java bridge and never becomes reachable from user code.
(function installWebBasics(native, pageUrl, scopeName, crossOriginIsolated, sandboxed) {
  'use strict';
  const global = globalThis;

  function defineHidden(target, name, value) {
    Object.defineProperty(target, name, {value, writable: true, enumerable: false, configurable: true});
  }

  // ---- DOMException ----
  // Legacy codes, because testharness's assert_throws_dom compares them.
  const legacyCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  class DOMException extends Error {
    #name;
    #message;
    constructor(message = '', name = 'Error') {
      super(String(message));
      this.#message = String(message);
      this.#name = String(name);
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() { return legacyCodes[this.#name] ?? 0; }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, {value: 'DOMException', configurable: true});
  for (const [name, code] of Object.entries(legacyCodes)) {
    const constant = name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace(/_ERROR$/, '_ERR');
    Object.defineProperty(DOMException, constant, {value: code, enumerable: true});
    Object.defineProperty(DOMException.prototype, constant, {value: code, enumerable: true});
  }
  defineHidden(global, 'DOMException', DOMException);

  native.installErrorFactory((name, message) => {
    if (name === 'TypeError') return new TypeError(message);
    if (name === 'RangeError') return new RangeError(message);
    return new DOMException(message, name);
  });

  // ---- Typed arrays ----
  // GraalJS fills a typed array one element at a time through its generic path (about 200 ns an element, seconds for
  // the tensors of tens of millions of elements tests build with fill), while set() from a typed array of the same
  // kind copies memory. So a large fill with plain number or bigint arguments fills a first block with the built-in
  // fill (which converts the value, and throws for a bad one, exactly as before) and doubles it with set() from views
  // made with the intrinsic constructors. Anything else (a non-typed-array receiver, arguments with valueOf, small
  // ranges) is the built-in fill itself.
  (function installFastFill() {
    const TypedArray = Object.getPrototypeOf(Int8Array);
    const proto = TypedArray.prototype;
    // Calls that scripts cannot redirect by patching Function.prototype.call or the prototypes later.
    const uncurry = fn => Function.prototype.call.bind(fn);
    const builtinFill = proto.fill;
    const fillRange = uncurry(builtinFill);
    const setAt = uncurry(proto.set);
    const getter = name => uncurry(Object.getOwnPropertyDescriptor(proto, name).get);
    const lengthOf = getter('length');
    const bufferOf = getter('buffer');
    const byteOffsetOf = getter('byteOffset');
    const kindOf = getter(Symbol.toStringTag);
    const apply = Reflect.apply;
    const constructors = new Map();
    for (const ctor of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
      Float32Array, Float64Array, BigInt64Array, BigUint64Array]) {
      constructors.set(ctor.name, ctor);
    }
    if (typeof Float16Array === 'function') constructors.set('Float16Array', Float16Array);
    const FIRST_BLOCK = 4096;
    const isPlainIndex = v => v === undefined || typeof v === 'number';
    function relative(v, length, fallback) {
      if (v === undefined) return fallback;
      const x = Number.isNaN(v) ? 0 : Math.trunc(v);
      return x < 0 ? Math.max(length + x, 0) : Math.min(x, length);
    }
    const methods = {
      fill(value, start = undefined, end = undefined) {
        const Kind = constructors.get(kindOf(this));
        if (Kind === undefined || (typeof value !== 'number' && typeof value !== 'bigint')
            || !isPlainIndex(start) || !isPlainIndex(end)) {
          return apply(builtinFill, this, arguments);
        }
        const length = lengthOf(this);
        const from = relative(start, length, 0);
        const to = relative(end, length, length);
        if (to - from <= FIRST_BLOCK) {
          return apply(builtinFill, this, arguments);
        }
        fillRange(this, value, from, from + FIRST_BLOCK);
        const buffer = bufferOf(this);
        const byteOffset = byteOffsetOf(this) + from * Kind.BYTES_PER_ELEMENT;
        for (let filled = FIRST_BLOCK; filled < to - from; filled *= 2) {
          const count = Math.min(filled, to - from - filled);
          setAt(this, new Kind(buffer, byteOffset, count), from + filled);
        }
        return this;
      },
    };
    defineHidden(proto, 'fill', methods.fill);
  })();

  // ---- Events ----
  class Event {
    #type;
    #defaultPrevented = false;
    #cancelable;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required.");
      this.#type = String(type);
      this.#cancelable = Boolean(init?.cancelable);
    }
    get type() { return this.#type; }
    get cancelable() { return this.#cancelable; }
    get defaultPrevented() { return this.#defaultPrevented; }
    preventDefault() { if (this.#cancelable) this.#defaultPrevented = true; }
  }
  class EventTarget {
    #listeners = new Map();
    addEventListener(type, callback, options) {
      if (callback === null || callback === undefined) return;
      const list = this.#listeners.get(String(type)) ?? [];
      if (!list.some((l) => l.callback === callback)) {
        list.push({callback, once: typeof options === 'object' && options !== null && Boolean(options.once)});
      }
      this.#listeners.set(String(type), list);
    }
    removeEventListener(type, callback) {
      const list = this.#listeners.get(String(type));
      if (list) this.#listeners.set(String(type), list.filter((l) => l.callback !== callback));
    }
    dispatchEvent(event) {
      const list = [...(this.#listeners.get(event.type) ?? [])];
      for (const listener of list) {
        if (listener.once) this.removeEventListener(event.type, listener.callback);
        try {
          if (typeof listener.callback === 'function') listener.callback.call(this, event);
          else listener.callback.handleEvent(event);
        } catch (e) {
          reportError(e);
        }
      }
      const handler = this['on' + event.type];
      if (typeof handler === 'function') handler.call(this, event);
      return !event.defaultPrevented;
    }
  }
  class ErrorEvent extends Event {
    #error;
    #message;
    constructor(type, init = {}) {
      super(type, init);
      this.#error = init.error;
      this.#message = init.message ?? '';
    }
    get error() { return this.#error; }
    get message() { return this.#message; }
  }
  class PromiseRejectionEvent extends Event {
    #reason;
    #promise;
    constructor(type, init = {}) {
      super(type, init);
      this.#reason = init.reason;
      this.#promise = init.promise;
    }
    get reason() { return this.#reason; }
    get promise() { return this.#promise; }
  }
  defineHidden(global, 'Event', Event);
  defineHidden(global, 'EventTarget', EventTarget);
  defineHidden(global, 'ErrorEvent', ErrorEvent);
  defineHidden(global, 'PromiseRejectionEvent', PromiseRejectionEvent);

  // The global itself is an event target, as Window and WorkerGlobalScope are.
  const globalEvents = new EventTarget();
  for (const method of ['addEventListener', 'removeEventListener', 'dispatchEvent']) {
    defineHidden(global, method, (...args) => globalEvents[method](...args));
  }

  // An error nobody caught: listeners may handle it, otherwise the realm records it.
  function reportError(error) {
    const event = new ErrorEvent('error', {error, message: String(error?.message ?? error), cancelable: true});
    let handled = false;
    try {
      handled = !globalEvents.dispatchEvent(event);
    } catch (e) {
      // A throwing error handler must not hide the original error.
    }
    if (!handled) native.reportError(error);
  }
  defineHidden(global, 'reportError', reportError);

  if (typeof Graal === 'object' && typeof Graal.setUnhandledPromiseRejectionHandler === 'function') {
    Graal.setUnhandledPromiseRejectionHandler((reason, promise) => {
      const event = new PromiseRejectionEvent('unhandledrejection', {reason, promise, cancelable: true});
      if (globalEvents.dispatchEvent(event)) native.reportError(reason);
    });
  }
  // In a realm of our own, host class lookup is already refused; the Java package globals go too, so JS cannot even
  // name the host. An embedder's context keeps what its embedder gave it.
  if (sandboxed) {
    delete global.Graal;
    for (const name of ['Java', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu', 'net']) {
      delete global[name];
    }
  }

  // ---- timers and microtasks ----
  function timerHandler(handler, args) {
    if (typeof handler === 'function') return () => handler(...args);
    const code = String(handler);
    return () => (0, eval)(code);
  }
  defineHidden(global, 'setTimeout', (handler, timeout = 0, ...args) =>
    native.setTimer(timerHandler(handler, args), Number(timeout) || 0, false));
  defineHidden(global, 'setInterval', (handler, timeout = 0, ...args) =>
    native.setTimer(timerHandler(handler, args), Number(timeout) || 0, true));
  defineHidden(global, 'clearTimeout', (id) => { if (Number.isInteger(id)) native.clearTimer(id); });
  defineHidden(global, 'clearInterval', (id) => { if (Number.isInteger(id)) native.clearTimer(id); });
  defineHidden(global, 'queueMicrotask', (callback) => {
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    Promise.resolve().then(() => {
      try {
        callback();
      } catch (e) {
        reportError(e);
      }
    });
  });

  // ---- console ----
  function show(value, depth = 0) {
    if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
    if (typeof value === 'bigint') return value + 'n';
    if (typeof value === 'symbol' || typeof value === 'function') return String(value);
    if (value === null || typeof value !== 'object') return String(value);
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = Array.from(value, (v) => show(v, depth + 1));
      return `${Array.isArray(value) ? '' : value.constructor.name + ' '}[ ${items.join(', ')} ]`;
    }
    const entries = Object.keys(value).map((k) => `${k}: ${show(value[k], depth + 1)}`);
    const tag = value[Symbol.toStringTag];
    return `${tag ? tag + ' ' : ''}{ ${entries.join(', ')} }`;
  }
  function format(args) {
    return args.map((a) => show(a)).join(' ');
  }
  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    console[level] = (...args) => native.print(level, format(args));
  }
  console.assert = (condition, ...args) => { if (!condition) native.print('error', 'Assertion failed: ' + format(args)); };
  defineHidden(global, 'console', console);

  // ---- performance ----
  const timeOrigin = Date.now();
  defineHidden(global, 'performance', Object.freeze({now: () => native.now(), timeOrigin}));

  // ---- location and scope ----
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(?:\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(pageUrl) || [];
  const protocol = match[1] ?? '';
  const host = match[2] ?? '';
  const hostname = host.replace(/:\d+$/, '');
  const port = (/:(\d+)$/.exec(host) || [])[1] ?? '';
  const location = Object.freeze({
    href: pageUrl,
    protocol,
    host,
    hostname,
    port,
    pathname: match[3] || (host ? '/' : ''),
    search: match[4] && match[4] !== '?' ? match[4] : '',
    hash: match[5] && match[5] !== '#' ? match[5] : '',
    origin: host ? `${protocol}//${host}` : 'null',
    toString() { return pageUrl; },
  });
  defineHidden(global, 'location', location);
  defineHidden(global, 'self', global);
  const isWorker = scopeName !== 'WINDOW';
  // The global's own interface, so code that asks what kind of global it runs in (idlharness, testharness) gets
  // the answer a browser gives. No page or client is connected to a worker here, so harnesses that report through
  // message ports simply have none.
  const GLOBAL_TOKEN = Symbol('global');
  function globalInterface(name, parent) {
    const cls = {[name]: class extends parent {
      constructor(token) {
        if (token !== GLOBAL_TOKEN) throw new TypeError('Illegal constructor');
        super();
      }
    }}[name];
    Object.defineProperty(cls.prototype, Symbol.toStringTag, {value: name, configurable: true});
    defineHidden(global, name, cls);
    return cls;
  }
  if (!isWorker) {
    Object.setPrototypeOf(global, globalInterface('Window', EventTarget).prototype);
  } else {
    const WorkerGlobalScope = globalInterface('WorkerGlobalScope', EventTarget);
    const scopeInterface = {
      DEDICATED_WORKER: 'DedicatedWorkerGlobalScope',
      SHARED_WORKER: 'SharedWorkerGlobalScope',
      SERVICE_WORKER: 'ServiceWorkerGlobalScope',
    }[scopeName];
    Object.setPrototypeOf(global, globalInterface(scopeInterface, WorkerGlobalScope).prototype);
    if (scopeName === 'DEDICATED_WORKER') {
      // Messages to the page that started the worker: there is none, so they go nowhere.
      defineHidden(global, 'postMessage', function postMessage(message) {});
    }
    defineHidden(global, 'importScripts', function importScripts(...urls) {
      for (const url of urls) {
        const href = native.resolveUrl(String(url), pageUrl);
        if (href === null) throw new DOMException(`importScripts: invalid URL '${url}'.`, 'SyntaxError');
        native.importScript(href);
      }
    });
  }
  defineHidden(global, 'GLOBAL', Object.freeze({
    isWindow: () => !isWorker,
    isWorker: () => isWorker,
    isShadowRealm: () => false,
  }));
  if (!isWorker) defineHidden(global, 'window', global);
  defineHidden(global, 'isSecureContext', true);
  defineHidden(global, 'crossOriginIsolated', Boolean(crossOriginIsolated));
  if (!crossOriginIsolated) delete global.SharedArrayBuffer;

  // Navigator (WorkerNavigator in workers) is an interface: navigator.ml is installed on its prototype.
  const NAVIGATOR_TOKEN = Symbol('navigator');
  const navigatorName = isWorker ? 'WorkerNavigator' : 'Navigator';
  const Navigator = {[navigatorName]: class {
    constructor(token) {
      if (token !== NAVIGATOR_TOKEN) throw new TypeError('Illegal constructor');
    }
    get userAgent() { return 'webnn-java'; }
    get hardwareConcurrency() { return 1; }
  }}[navigatorName];
  Object.defineProperty(Navigator.prototype, Symbol.toStringTag, {value: navigatorName, configurable: true});
  defineHidden(global, navigatorName, Navigator);
  const navigator = new Navigator(NAVIGATOR_TOKEN);
  Object.defineProperty(global, 'navigator', {get: () => navigator, enumerable: true, configurable: true});
})
