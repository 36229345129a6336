// Runs BLS12-381 min-pk operations through Walrus's own verifier (@mysten/walrus-wasm, which is
// fastcrypto compiled to WebAssembly) for the differential test BlsWasmDifferentialTest.
//
// Usage: node bls_wasm.mjs <dir containing node_modules/@mysten/walrus-wasm>  < cases.json
// Input: a JSON array of operations, byte strings in hex:
//   {"op": "verify", "signature", "publicKey", "message"}           -> true | false
//   {"op": "aggregate", "signatures": [...]}                       -> hex of the aggregate
//   {"op": "verifyAggregate", "publicKeys": [...], "message", "signature"} -> true | false
// Output: a JSON array with one result per operation, or {"error": "..."} where WASM threw.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const require = createRequire(resolve(process.argv[2], 'package.json'));
const wasm = require('@mysten/walrus-wasm');

const bytes = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));
const hex = (u8) => Buffer.from(u8).toString('hex');

function run(c) {
  switch (c.op) {
    case 'verify':
      return wasm.bls12381_min_pk_verify(bytes(c.signature), bytes(c.publicKey), bytes(c.message));
    case 'aggregate':
      return hex(wasm.bls12381_min_pk_aggregate(c.signatures.map(bytes)));
    case 'verifyAggregate':
      return wasm.bls12381_min_pk_verify_aggregate(
        c.publicKeys.map(bytes), bytes(c.message), bytes(c.signature));
    default:
      throw new Error('unknown op ' + c.op);
  }
}

const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = cases.map((c) => {
  try {
    return run(c);
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(results));
