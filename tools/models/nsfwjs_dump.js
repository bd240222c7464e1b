#!/usr/bin/env node
// Reads one nsfwjs@4.4.0 bundled model (dist/models/<name>/model.min.js and group1-shard*.min.js,
// JavaScript modules holding a Keras "layers" topology and base64 weight shards) and writes
//   <out>/model.json   {modelTopology, weightsManifest} exactly as the module exports them
//   <out>/weights.bin  the shards decoded from base64 and concatenated in manifest path order
// The weights stay quantised (uint8 per tensor); keras_torch.py dequantises them as tfjs does.
// Usage: node nsfwjs_dump.js <nsfwjs dist/models dir> <mobilenet_v2|inception_v3> <out dir>
'use strict';
const fs = require('fs');
const path = require('path');

function main(argv) {
  if (argv.length !== 3) {
    process.stderr.write('usage: node nsfwjs_dump.js <nsfwjs dist/models dir> <model name> <out dir>\n');
    process.exit(2);
  }
  const [modelsDir, name, out] = argv;
  const dir = path.resolve(modelsDir, name);
  const model = require(path.join(dir, 'model.min.js'));
  if (!model.modelTopology || !model.weightsManifest) {
    throw new Error(dir + '/model.min.js does not export {modelTopology, weightsManifest}');
  }
  const buffers = [];
  for (const group of model.weightsManifest) {
    for (const p of group.paths) {
      const b64 = require(path.join(dir, p + '.min.js'));
      if (typeof b64 !== 'string') throw new Error(p + '.min.js does not export a base64 string');
      buffers.push(Buffer.from(b64, 'base64'));
    }
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(model));
  fs.writeFileSync(path.join(out, 'weights.bin'), Buffer.concat(buffers));
}

main(process.argv.slice(2));
