#!/usr/bin/env node
// The reference side of parity.py: runs a model dumped by nsfwjs_dump.js in @tensorflow/tfjs@4.22.0
// (pure-JavaScript CPU backend) up to one layer, on a preprocessed NHWC float32 tensor, and writes
// that layer's output (averaged over space when --pooled) as little-endian float32.
// Usage: node tfjs_features.js <dump dir> <endpoint layer> <pooled:0|1> <input.f32> <n,h,w,c> <out.f32>
// NODE_PATH must reach the npm cache's node_modules (parity.py sets it).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

async function main(argv) {
  if (argv.length !== 6) {
    process.stderr.write('usage: node tfjs_features.js <dump dir> <endpoint> <pooled 0|1> <input.f32> <n,h,w,c> <out.f32>\n');
    process.exit(2);
  }
  const [dir, endpoint, pooled, input, shapeText, out] = argv;
  await tf.setBackend('cpu');
  const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const bin = fs.readFileSync(path.join(dir, 'weights.bin'));
  const specs = [].concat(...model.weightsManifest.map((g) => g.weights));
  const handler = tf.io.fromMemory({
    modelTopology: model.modelTopology,
    weightSpecs: specs,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length),
  });
  const full = await tf.loadLayersModel(handler);
  const sub = tf.model({ inputs: full.inputs, outputs: full.getLayer(endpoint).output });
  const shape = shapeText.split(',').map(Number);
  const raw = fs.readFileSync(input);
  const x = tf.tensor(new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4), shape, 'float32');
  let y = sub.predict(x);
  if (pooled === '1' && y.rank === 4) y = tf.mean(y, [1, 2]);
  const data = await y.data();
  fs.writeFileSync(out, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  process.stdout.write(JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, shape: y.shape }) + '\n');
}

main(process.argv.slice(2)).catch((e) => { process.stderr.write(String(e.stack || e) + '\n'); process.exit(1); });
