// URL, URLSearchParams and fetch() with Headers, Request and Response: what WPT files, idlharness and model
// loaders use. fetch() reaches only what the embedder granted (see ResourceLoader); anything else is a network
// error, a TypeError as in browsers.
(function installFetch(native) {
  'use strict';
  const global = globalThis;
  // Taken before page scripts run: wraps a host ByteBuffer (GraalJS's ArrayBuffer over host memory).
  const HostArrayBuffer = ArrayBuffer;

  function defineHidden(name, value) {
    Object.defineProperty(global, name, {value, writable: true, enumerable: false, configurable: true});
  }

  // ---- URLSearchParams ----
  function decodeFormComponent(s) {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch (e) {
      return s;
    }
  }
  function encodeFormComponent(s) {
    return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g,
        (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  }

  class URLSearchParams {
    #list = [];
    #onChange = null;
    constructor(init = '') {
      if (typeof init === 'object' && init !== null) {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const items = [...pair];
            if (items.length !== 2) throw new TypeError('URLSearchParams: each pair must have two items.');
            this.#list.push([String(items[0]), String(items[1])]);
          }
        } else {
          for (const key of Object.keys(init)) this.#list.push([key, String(init[key])]);
        }
      } else {
        this.#parse(String(init));
      }
    }
    static attach(params, onChange) {
      params.#onChange = onChange;
    }
    static reparse(params, query) {
      params.#list = [];
      params.#parse(query);
    }
    #parse(query) {
      const s = query.startsWith('?') ? query.slice(1) : query;
      for (const part of s.split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        const name = eq < 0 ? part : part.slice(0, eq);
        const value = eq < 0 ? '' : part.slice(eq + 1);
        this.#list.push([decodeFormComponent(name), decodeFormComponent(value)]);
      }
    }
    #changed() {
      if (this.#onChange) this.#onChange(this.toString());
    }
    get size() { return this.#list.length; }
    append(name, value) { this.#list.push([String(name), String(value)]); this.#changed(); }
    delete(name, value = undefined) {
      this.#list = this.#list.filter(([n, v]) => n !== String(name) || (value !== undefined && v !== String(value)));
      this.#changed();
    }
    get(name) {
      const found = this.#list.find(([n]) => n === String(name));
      return found ? found[1] : null;
    }
    getAll(name) { return this.#list.filter(([n]) => n === String(name)).map(([, v]) => v); }
    has(name, value = undefined) {
      return this.#list.some(([n, v]) => n === String(name) && (value === undefined || v === String(value)));
    }
    set(name, value) {
      const key = String(name);
      const index = this.#list.findIndex(([n]) => n === key);
      if (index < 0) {
        this.#list.push([key, String(value)]);
      } else {
        this.#list[index][1] = String(value);
        this.#list = this.#list.filter(([n], i) => n !== key || i === index);
      }
      this.#changed();
    }
    sort() {
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#changed();
    }
    forEach(callback, thisArg = undefined) {
      for (const [n, v] of [...this.#list]) callback.call(thisArg, v, n, this);
    }
    *entries() { for (const [n, v] of this.#list) yield [n, v]; }
    *keys() { for (const [n] of this.#list) yield n; }
    *values() { for (const [, v] of this.#list) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() {
      return this.#list.map(([n, v]) => `${encodeFormComponent(n)}=${encodeFormComponent(v)}`).join('&');
    }
  }
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, {value: 'URLSearchParams', configurable: true});
  defineHidden('URLSearchParams', URLSearchParams);

  // ---- URL ----
  const URL_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(?:\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/;
  class URL {
    #protocol;
    #host;
    #pathname;
    #search;
    #hash;
    #searchParams;
    constructor(url, base = undefined) {
      const href = native.resolveUrl(String(url), base === undefined ? null : String(base));
      if (href === null) throw new TypeError(`Failed to construct 'URL': Invalid URL '${url}'.`);
      this.#set(href);
    }
    static canParse(url, base = undefined) {
      return native.resolveUrl(String(url), base === undefined ? null : String(base)) !== null;
    }
    #set(href) {
      const m = URL_PARTS.exec(href);
      this.#protocol = m[1].toLowerCase();
      this.#host = m[2] ?? '';
      this.#pathname = m[3] || (m[2] !== undefined ? '/' : '');
      this.#search = m[4] && m[4] !== '?' ? m[4] : '';
      this.#hash = m[5] && m[5] !== '#' ? m[5] : '';
      if (this.#searchParams) {
        URLSearchParams.reparse(this.#searchParams, this.#search);
      } else {
        this.#searchParams = new URLSearchParams(this.#search);
        URLSearchParams.attach(this.#searchParams, (query) => { this.#search = query ? '?' + query : ''; });
      }
    }
    get href() {
      const authority = this.#host !== '' || this.#protocol === 'file:' ? `//${this.#host}` : '';
      return `${this.#protocol}${authority}${this.#pathname}${this.#search}${this.#hash}`;
    }
    set href(value) {
      const href = native.resolveUrl(String(value), null);
      if (href === null) throw new TypeError(`Invalid URL '${value}'.`);
      this.#set(href);
    }
    get protocol() { return this.#protocol; }
    get host() { return this.#host; }
    get hostname() { return this.#host.replace(/:\d+$/, ''); }
    get port() { return (/:(\d+)$/.exec(this.#host) || [])[1] ?? ''; }
    get pathname() { return this.#pathname; }
    get search() { return this.#search; }
    set search(value) {
      const s = String(value);
      this.#search = s === '' || s === '?' ? '' : (s.startsWith('?') ? s : '?' + s);
      URLSearchParams.reparse(this.#searchParams, this.#search);
    }
    get searchParams() { return this.#searchParams; }
    get hash() { return this.#hash; }
    get origin() {
      return this.#protocol === 'http:' || this.#protocol === 'https:' ? `${this.#protocol}//${this.#host}` : 'null';
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  Object.defineProperty(URL.prototype, Symbol.toStringTag, {value: 'URL', configurable: true});
  defineHidden('URL', URL);

  // ---- Headers, Request, Response ----
  class Headers {
    #map = new Map();
    constructor(init = undefined) {
      if (init instanceof Headers) {
        for (const [k, v] of init) this.append(k, v);
      } else if (init && typeof init[Symbol.iterator] === 'function') {
        for (const [k, v] of init) this.append(k, v);
      } else if (init && typeof init === 'object') {
        for (const key of Object.keys(init)) this.append(key, init[key]);
      }
    }
    append(name, value) {
      const key = String(name).toLowerCase();
      const prior = this.#map.get(key);
      this.#map.set(key, prior === undefined ? String(value) : `${prior}, ${value}`);
    }
    set(name, value) { this.#map.set(String(name).toLowerCase(), String(value)); }
    get(name) { return this.#map.get(String(name).toLowerCase()) ?? null; }
    has(name) { return this.#map.has(String(name).toLowerCase()); }
    delete(name) { this.#map.delete(String(name).toLowerCase()); }
    forEach(callback, thisArg = undefined) {
      for (const [k, v] of this) callback.call(thisArg, v, k, this);
    }
    *entries() { yield* [...this.#map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)); }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
  }
  defineHidden('Headers', Headers);

  function bodyBytes(body) {
    if (body === undefined || body === null) return new Uint8Array(0);
    if (typeof body === 'string') return new TextEncoder().encode(body);
    if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    return new TextEncoder().encode(String(body));
  }

  class Body {
    #bytes;
    #used = false;
    constructor(bytes) {
      this.#bytes = bytes;
    }
    get bodyUsed() { return this.#used; }
    #consume() {
      if (this.#used) return Promise.reject(new TypeError('Body has already been consumed.'));
      this.#used = true;
      return Promise.resolve(this.#bytes);
    }
    static peek(body) {
      return body.#bytes;
    }
    async arrayBuffer() {
      const bytes = await this.#consume();
      return bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer;
    }
    async bytes() { return new Uint8Array(await this.arrayBuffer()); }
    async text() { return new TextDecoder().decode(await this.#consume()); }
    async json() { return JSON.parse(await this.text()); }
  }

  class Request extends Body {
    #url;
    #method;
    #headers;
    constructor(input, init = {}) {
      const source = input instanceof Request ? input : null;
      super(bodyBytes(init.body));
      const url = source ? source.url : String(input);
      const href = native.resolveUrl(url, global.location.href);
      if (href === null) throw new TypeError(`Failed to construct 'Request': Invalid URL '${url}'.`);
      this.#url = href;
      this.#method = String(init.method ?? (source ? source.method : 'GET')).toUpperCase();
      this.#headers = new Headers(init.headers ?? (source ? source.headers : undefined));
    }
    get url() { return this.#url; }
    get method() { return this.#method; }
    get headers() { return this.#headers; }
  }
  defineHidden('Request', Request);

  class Response extends Body {
    #status;
    #statusText;
    #headers;
    #url;
    constructor(body = null, init = {}) {
      super(bodyBytes(body));
      this.#status = init.status === undefined ? 200 : Number(init.status);
      if (!(this.#status >= 200 && this.#status <= 599)) {
        throw new RangeError(`Failed to construct 'Response': status ${init.status} is outside 200-599.`);
      }
      this.#statusText = init.statusText === undefined ? '' : String(init.statusText);
      this.#headers = new Headers(init.headers);
      this.#url = init[URL_KEY] ?? '';
    }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get status() { return this.#status; }
    get statusText() { return this.#statusText; }
    get headers() { return this.#headers; }
    get url() { return this.#url; }
    get type() { return 'basic'; }
    get redirected() { return false; }
    clone() {
      if (this.bodyUsed) throw new TypeError('Failed to clone a used Response.');
      return new Response(Body.peek(this), {status: this.#status, statusText: this.#statusText,
        headers: this.#headers, [URL_KEY]: this.#url});
    }
    static json(data, init = {}) {
      return new Response(JSON.stringify(data), {...init, headers: {'content-type': 'application/json'}});
    }
  }
  const URL_KEY = Symbol('url');
  defineHidden('Response', Response);

  const STATUS_TEXT = {200: 'OK', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable'};
  defineHidden('fetch', function fetch(input, init = undefined) {
    return new Promise((resolve, reject) => {
      const request = new Request(input, init ?? {});
      // The loader runs off the JS thread; its answer comes back as a task, as a network answer would.
      native.fetch(request.url, (status, contentType, hostBytes) => {
        const statusText = STATUS_TEXT[status] ?? '';
        // As a browser's console does, say which loads failed: the page's own error often does not.
        if (status >= 400) native.diagnostic(`GET ${request.url} ${status} ${statusText}`.trimEnd());
        // A JS-owned copy of the body, made in one typed-array copy: JS reads an ArrayBuffer over host memory
        // through interop, element by element, and the body is read many times.
        const body = new Uint8Array(new HostArrayBuffer(hostBytes));
        const bytes = new Uint8Array(body.length);
        bytes.set(body);
        resolve(new Response(bytes, {status, statusText, headers: {'content-type': contentType},
          [URL_KEY]: request.url}));
      }, (reason) => {
        native.diagnostic(`GET ${request.url} failed: ${reason}`);
        reject(new TypeError(`Failed to fetch ${request.url}: ${reason}`));
      });
    });
  });
})
