// Test-vector generator for QuiltV1 (protocol.md §8).
//
// It drives Walrus's own TypeScript SDK (@mysten/walrus, whose encodeQuilt lays out a quilt as
// walrus-core's QuiltEncoderV1 does) for the quilt bytes, index and patch ranges, and Walrus's
// encoder compiled to WebAssembly (@mysten/walrus-wasm) for the quilt's blob ID, then writes
// JSON test vectors. The output is deterministic.
//
// Usage (install @mysten/walrus@1.2.13 with npm into a scratch folder first):
//   WALRUS_SDK_FROM=<dir containing node_modules> node gen-quilt.mjs --out quilt.json
//
// File contents use the blob generators of shared/vectors/README.md (lin31, lcg, zero, text:<s>).
// Per case: n_shards; files (identifier, tags, generator, size) in the order given to the
// encoder; then either the outputs or `error` (one of duplicate_identifier, too_many_patches,
// too_large) when the SDK refuses the input.
//
// Outputs: symbol_size; quilt_length; quilt_sha256 (and quilt_hex up to 8 KiB); index_columns
// (columns the index stream occupies); index_bcs_hex (BCS of QuiltIndexV1, without the 5-byte
// version and length prefix); blob_id of the quilt; patches in quilt order, each with identifier,
// start_index, end_index (columns, end exclusive) and its QuiltPatchId (base64url, no padding).

import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

function resolveFrom(name) {
  const bases = [import.meta.url];
  if (process.env.WALRUS_SDK_FROM) {
    bases.push(pathToFileURL(process.env.WALRUS_SDK_FROM.replace(/\/?$/, '/')).href);
  }
  for (const base of bases) {
    try {
      return createRequire(base).resolve(name);
    } catch {
      // next base
    }
  }
  throw new Error(`cannot resolve ${name}; set WALRUS_SDK_FROM to a directory containing node_modules`);
}

function packageDir(name) {
  const bases = [import.meta.url];
  if (process.env.WALRUS_SDK_FROM) {
    bases.push(pathToFileURL(process.env.WALRUS_SDK_FROM.replace(/\/?$/, '/')).href);
  }
  for (const base of bases) {
    const dir = join(new URL('.', base).pathname, 'node_modules', name);
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      // next base
    }
  }
  throw new Error(`cannot find ${name}; set WALRUS_SDK_FROM to a directory containing node_modules`);
}

const sdkDir = packageDir('@mysten/walrus');
const sdkVersion = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')).version;
const { encodeQuilt } = await import(pathToFileURL(join(sdkDir, 'dist/utils/quilts.mjs')).href);
const { QuiltIndexV1 } = await import(pathToFileURL(join(sdkDir, 'dist/utils/bcs.mjs')).href);
const wasmEntry = resolveFrom('@mysten/walrus-wasm');
const wasm = createRequire(import.meta.url)(wasmEntry);
const wasmVersion = JSON.parse(readFileSync(join(dirname(wasmEntry), 'package.json'), 'utf8')).version;

const hex = (u8) => Buffer.from(u8).toString('hex');
const sha256 = (u8) => createHash('sha256').update(u8).digest('hex');
const b64url = (u8) => Buffer.from(u8).toString('base64url');

function makeBlob(gen, size) {
  if (gen.startsWith('text:')) return new TextEncoder().encode(gen.slice(5));
  const out = new Uint8Array(size);
  if (gen === 'lin31') {
    for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) % 251;
  } else if (gen === 'lcg') {
    let x = 0x12345678 >>> 0;
    for (let i = 0; i < size; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out[i] = (x >>> 16) & 0xff;
    }
  } else if (gen !== 'zero') {
    throw new Error('unknown generator ' + gen);
  }
  return out;
}

function sourceSymbols(n) {
  const f = Math.floor((n - 1) / 3);
  return { rows: n - 2 * f, cols: n - f };
}

function patchId(blobId, start, end) {
  const b = Buffer.alloc(37);
  Buffer.from(blobId).copy(b, 0);
  b[32] = 1;
  b.writeUInt16LE(start, 33);
  b.writeUInt16LE(end, 35);
  return b64url(b);
}

function errorKind(message) {
  if (/Duplicate/i.test(message)) return 'duplicate_identifier';
  if (/Too many blobs/i.test(message)) return 'too_many_patches';
  if (/oversize|too large/i.test(message)) return 'too_large';
  throw new Error('unexpected SDK error: ' + message);
}

function runCase(c) {
  const blobs = c.files.map((f) => ({
    identifier: f.identifier,
    tags: f.tags,
    contents: makeBlob(f.generator, f.size),
  }));
  let encoded;
  try {
    encoded = encodeQuilt({ blobs, numShards: c.n_shards, encodingType: 'RS2' });
  } catch (e) {
    return { ...c, error: errorKind(e.message), sdk_error_message: e.message };
  }
  const { quilt, index } = encoded;
  const { rows, cols } = sourceSymbols(c.n_shards);
  const symbolSize = quilt.length / (rows * cols);
  const indexBcs = QuiltIndexV1.serialize(index).toBytes();
  const columnSize = symbolSize * rows;
  const encoder = new wasm.BlobEncoder(c.n_shards);
  const [blobIdRaw] = encoder.compute_metadata(quilt);
  encoder.free?.();
  const blobId = Uint8Array.from(blobIdRaw);
  const out = {
    ...c,
    symbol_size: symbolSize,
    quilt_length: quilt.length,
    quilt_sha256: sha256(quilt),
    index_columns: Math.ceil((5 + indexBcs.length) / columnSize),
    index_bcs_hex: hex(indexBcs),
    blob_id: b64url(blobId),
    patches: index.patches.map((p) => ({
      identifier: p.identifier,
      start_index: p.startIndex,
      end_index: p.endIndex,
      quilt_patch_id: patchId(blobId, p.startIndex, p.endIndex),
    })),
  };
  if (quilt.length <= 8192) out.quilt_hex = hex(quilt);
  return out;
}

const file = (identifier, generator, size, tags) => ({ identifier, tags: tags ?? {}, generator, size });
const longValue = (ch, n) => ch.repeat(n);

const CASES = [
  { name: 'one-file', n_shards: 4, files: [file('hello.txt', 'text:hello, quilt', 0)] },
  {
    name: 'three-tagged',
    n_shards: 7,
    files: [
      file('test-blob-2', 'lcg', 8, { tag1: 'value1' }),
      file('test-blob-0', 'lin31', 11, { tag1: 'value1' }),
      file('test-blob-1', 'lcg', 5, { tag1: 'value1', tag2: 'x' }),
    ],
  },
  {
    name: 'empty-and-unicode',
    n_shards: 10,
    files: [
      file('zero-length', 'zero', 0),
      file('日本語.txt', 'lin31', 1000, { b: '1', aa: '2', 'ключ': 'значение' }),
      file('é-accent', 'lcg', 1),
      file('a file with spaces', 'text:spaces inside', 0, { '': 'empty key' }),
    ],
  },
  {
    name: 'multi-column-patch',
    n_shards: 20,
    files: [
      file('big.bin', 'lcg', 20000, { kind: 'big' }),
      file('small-1', 'lin31', 100, { kind: 'small' }),
      file('small-2', 'lin31', 300, { kind: 'small' }),
      file('small-3', 'zero', 7),
      file('medium', 'lcg', 2500, { kind: 'medium', owner: 'walrus' }),
    ],
  },
  {
    name: 'multi-column-index',
    n_shards: 31,
    files: [
      file('left', 'lcg', 50, { note: longValue('x', 3000) }),
      file('right', 'lin31', 60, { note: longValue('y', 3000), other: 'z' }),
    ],
  },
  {
    name: 'sixty-files',
    n_shards: 100,
    files: Array.from({ length: 60 }, (_, i) =>
      file(`file-${String((i * 37) % 60).padStart(2, '0')}`, i % 2 ? 'lcg' : 'lin31', 1 + ((i * 997) % 1000),
        i % 3 ? { parity: String(i % 2), group: `g${i % 5}` } : {}),
    ),
  },
  {
    name: 'many-shards',
    n_shards: 1000,
    files: [file('a', 'lin31', 300000), file('b', 'lcg', 10, { t: 'v' })],
  },
  {
    name: 'duplicate-identifier',
    n_shards: 7,
    files: [file('same', 'lcg', 10), file('same', 'lin31', 20)],
  },
  {
    name: 'too-many-patches',
    n_shards: 4,
    files: [file('a', 'lcg', 1), file('b', 'lcg', 1), file('c', 'lcg', 1)],
  },
  { name: 'too-large', n_shards: 4, files: [file('huge', 'zero', 3 * 65534 * 2)] },
];

const doc = {
  generator: 'gen-quilt.mjs',
  walrus_sdk_version: sdkVersion,
  walrus_wasm_version: wasmVersion,
  cases: CASES.map(runCase),
};
const json = JSON.stringify(doc, null, 1) + '\n';
const outIndex = process.argv.indexOf('--out');
if (outIndex >= 0) writeFileSync(process.argv[outIndex + 1], json);
else process.stdout.write(json);
