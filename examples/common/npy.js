// NumPy .npy files for examples and drivers: writing them (deterministic weights), reading them strictly (a file
// whose size disagrees with its header is an error that names the URL), and serving generated files to fetch().

const DESCR = new Map([
  [Float32Array, '<f4'], [Float64Array, '<f8'], [Int32Array, '<i4'], [Uint32Array, '<u4'],
  [BigInt64Array, '<i8'], [BigUint64Array, '<u8'], [Int8Array, '|i1'], [Uint8Array, '|u1'],
]);
if (globalThis.Float16Array) DESCR.set(globalThis.Float16Array, '<f2');
const ARRAY = {'f4': Float32Array, 'f8': Float64Array, 'i4': Int32Array, 'u4': Uint32Array, 'i8': BigInt64Array,
  'u8': BigUint64Array, 'i1': Int8Array, 'u1': Uint8Array, 'f2': globalThis.Float16Array};
const DATA_TYPE = {'f4': 'float32', 'i4': 'int32', 'u4': 'uint32', 'i8': 'int64', 'u8': 'uint64', 'i1': 'int8',
  'u1': 'uint8', 'f2': 'float16'};

/** The bytes of a version 1.0 .npy file holding `values` (a typed array) with `shape`. */
export function encodeNpy(values, shape) {
  const descr = DESCR.get(values.constructor);
  if (descr === undefined) throw new TypeError(`encodeNpy: no .npy type for ${values.constructor.name}`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) {
    throw new RangeError(`encodeNpy: shape [${shape}] holds ${count} values, not ${values.length}`);
  }
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + values.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 10 + header.length);
  return bytes;
}

/** Reads .npy bytes: {dataType, shape, values}. `url` names the file in every error. */
export function decodeNpy(buffer, url) {
  const bytes = new Uint8Array(buffer);
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || !magic.every((b, i) => bytes[i] === b)) {
    throw new Error(`${url}: not a .npy file (it has no \\x93NUMPY signature)`);
  }
  const headerLength = bytes[8] | (bytes[9] << 8);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const descr = /'descr':\s*'([<>|])([a-z]\d)'/.exec(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !shapeText || /'fortran_order':\s*True/.test(header)) {
    throw new Error(`${url}: unsupported .npy header ${header.trim()}`);
  }
  const Type = ARRAY[descr[2]];
  if (Type === undefined || descr[1] === '>') throw new Error(`${url}: unsupported .npy data type ${descr[0]}`);
  const shape = shapeText[1].split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = 10 + headerLength;
  const expected = start + count * Type.BYTES_PER_ELEMENT;
  if (bytes.length !== expected) {
    throw new Error(`${url}: the file has ${bytes.length} bytes, but its header (${DATA_TYPE[descr[2]]} ` +
        `[${shape}]) needs ${expected}`);
  }
  const values = new Type(bytes.slice(start).buffer);
  return {dataType: DATA_TYPE[descr[2]], shape, values};
}

/** An MLOperand constant from a .npy URL, in the samples' style (their buildConstantByNpy), strict about sizes. */
export async function loadNpyConstant(builder, url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
  const {dataType, shape, values} = decodeNpy(await response.arrayBuffer(), url);
  return builder.constant({dataType, shape}, values);
}

/** A deterministic stream of floats in [-1, 1) (mulberry32), the same on every machine. */
export function seededFloats(seed, count) {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/**
 * Makes fetch() answer the given absolute URLs from memory (generated weights), as a static server holding those
 * files would; every other URL goes to the real fetch().
 */
export function serveFiles(files) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = function fetch(input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href).href;
    const bytes = files.get(url);
    if (bytes === undefined) return realFetch(input, init);
    return Promise.resolve(new Response(bytes, {status: 200, headers: {'content-type': 'application/octet-stream'}}));
  };
}
