// Run the shipped 13-organ ONNX over preprocessed slices and write its argmax labels, so Python
// scripts (adrenal.py eval --center) can use the first stage exactly as the app runs it.
// Usage: node training/first_stage.cjs models/organ-seg-v5.onnx DIR [--conf]
//   DIR/input.f32 [N,1,256,256] -> DIR/labels.u8; with --conf also DIR/conf.u8, the argmax's softmax
//   probability x 255 (pseudo.py)
const fs = require('fs');
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));

async function main() {
  const [model, dir, flag] = process.argv.slice(2);
  const withConf = flag === '--conf';
  const sess = await ort.InferenceSession.create(model, { intraOpNumThreads: 2, interOpNumThreads: 1 });
  const b = fs.readFileSync(path.join(dir, 'input.f32'));
  const x = new Float32Array(b.buffer, b.byteOffset, b.length / 4);
  const px = 256 * 256;
  const n = x.length / px;
  const labels = new Uint8Array(n * px);
  const conf = new Uint8Array(n * px);
  for (let i = 0; i < n; i++) {
    const out = await sess.run({ image: new ort.Tensor('float32', x.slice(i * px, (i + 1) * px), [1, 1, 256, 256]) });
    const y = out.logits.data;
    const c = out.logits.dims[1];
    for (let p = 0; p < px; p++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (y[k * px + p] > y[best * px + p]) best = k;
      labels[i * px + p] = best;
      if (withConf) {
        let sum = 0;
        for (let k = 0; k < c; k++) sum += Math.exp(y[k * px + p] - y[best * px + p]);
        conf[i * px + p] = Math.round(255 / sum);
      }
    }
  }
  fs.writeFileSync(path.join(dir, 'labels.u8'), labels);
  if (withConf) fs.writeFileSync(path.join(dir, 'conf.u8'), conf);
  console.log(JSON.stringify({ slices: n }));
}
main().catch((e) => { console.error(e); process.exit(1); });
