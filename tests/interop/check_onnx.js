// SPDX-License-Identifier: MIT
// Runs an exported ONNX model in ONNX Runtime (onnxruntime-node, CPU) on Fashion-MNIST's first test
// images, scaled as the model's input_layout metadata says, and compares it with Reciprocal's own
// logits and accuracy.
// usage: node check_onnx.js NODE_MODULES_PARENT MODEL.onnx LOGITS.npy DATASET_DIR COUNT ACCURACY
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const [modules, model, logitsPath, dataset, countText, accuracyText] = process.argv.slice(2);
const ort = require(require.resolve('onnxruntime-node', { paths: [modules] }));
const count = Number(countText);

function readNpy(file) { // float32, C order, format 1.0
  const bytes = fs.readFileSync(file);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.toString('latin1', 10, 10 + headerLength);
  if (!header.includes("'<f4'") || !header.includes("'fortran_order': False")) throw new Error(`unexpected .npy header ${header}`);
  const start = 10 + headerLength;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length));
}

(async () => {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(dataset, 't10k-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(dataset, 't10k-labels-idx1-ubyte.gz')));
  const input = new Float32Array(count * 784);
  for (let i = 0; i < input.length; ++i) input[i] = images[16 + i] / 255; // row by row, byte / 255
  const session = await ort.InferenceSession.create(model);
  const results = await session.run({ input: new ort.Tensor('float32', input, [count, 784]) });
  const logits = results.logits.data;
  const probabilities = results.probabilities.data;
  const reference = readNpy(logitsPath);
  if (reference.length !== logits.length) throw new Error(`${logits.length} logits, Reciprocal wrote ${reference.length}`);
  let worst = 0;
  let correct = 0;
  for (let sample = 0; sample < count; ++sample) {
    let best = 0;
    let sum = 0;
    for (let c = 0; c < 10; ++c) {
      const i = sample * 10 + c;
      worst = Math.max(worst, Math.abs(logits[i] - reference[i]));
      if (logits[i] > logits[sample * 10 + best]) best = c;
      sum += probabilities[i];
    }
    if (Math.abs(sum - 1) > 1e-5) throw new Error(`probabilities of sample ${sample} sum to ${sum}`);
    if (best === labels[8 + sample]) ++correct;
  }
  const accuracy = correct / count;
  console.log(`ONNX Runtime ${ort.env.versions ? ort.env.versions.common : ''}: accuracy ${accuracy.toFixed(4)} ` +
              `(reciprocal eval ${Number(accuracyText).toFixed(4)}), largest logit difference ${worst.toExponential(2)}`);
  if (Math.abs(accuracy - Number(accuracyText)) > 1e-9 || worst > 1e-4) {
    console.log('FAIL: ONNX Runtime differs from reciprocal eval');
    process.exit(1);
  }
  console.log('1 passed, 0 failed');
})().catch((error) => { console.log(`FAIL: ${error.message}`); process.exit(1); });
