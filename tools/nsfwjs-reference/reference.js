// Computes reference outputs of the original nsfwjs MobileNetV2 with TensorFlow.js (pure JS CPU backend),
// through nsfwjs's own inference path (NSFWJS.infer: toFloat, /255, resizeBilinear with alignCorners when the
// image is not 224x224, then the Keras layers model).
//
// Usage: npm ci && node reference.js [imageDir] [out.json]
// Defaults: ../../hyperfusion-features/src/test/resources/mobilenet/{*.png, reference.json}
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const nsfwjs = require('nsfwjs');
const { PNG } = require('pngjs');

const IMAGES = ['gradient.png', 'rings.png', 'blocks.png', 'disk.png', 'wide-checker.png'];
const FEATURES_LAYER = 'flatten_1'; // AveragePooling2D(7x7) + Flatten = global average pool, 1280-d
const CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']; // nsfwjs class order (nsfw_classes.js)

function version(pkg) {
  // Read node_modules directly: nsfwjs's "exports" map does not expose package.json.
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function readRgb(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Int32Array(png.width * png.height * 3);
  for (let i = 0, j = 0; i < png.data.length; i += 4) {
    rgb[j++] = png.data[i];
    rgb[j++] = png.data[i + 1];
    rgb[j++] = png.data[i + 2];
  }
  return tf.tensor3d(rgb, [png.height, png.width, 3], 'int32');
}

async function main() {
  const dir = process.argv[2] || path.join(__dirname, '../../hyperfusion-features/src/test/resources/mobilenet');
  const out = process.argv[3] || path.join(dir, 'reference.json');
  await tf.setBackend('cpu');
  const model = await nsfwjs.load('MobileNetV2', { size: 224 });
  const images = [];
  for (const name of IMAGES) {
    const img = readRgb(path.join(dir, name));
    const features = model.infer(img, FEATURES_LAYER);
    const probs = model.infer(img);
    images.push({
      file: name,
      height: img.shape[0],
      width: img.shape[1],
      features: Array.from(await features.data()),
      probs: Array.from(await probs.data()),
    });
    tf.dispose([img, features, probs]);
  }
  const fixture = {
    generatedBy: 'tools/nsfwjs-reference/reference.js',
    nsfwjs: version('nsfwjs'),
    model: 'MobileNetV2',
    tfjs: version('@tensorflow/tfjs'),
    backend: tf.getBackend(),
    node: process.version,
    featuresLayer: FEATURES_LAYER,
    classes: CLASSES,
    preprocessing: 'nsfwjs NSFWJS.infer: float /255; tf.image.resizeBilinear(alignCorners=true) to 224x224 if needed',
    images,
  };
  fs.writeFileSync(out, JSON.stringify(fixture) + '\n');
  console.log('wrote ' + out + ' (' + images.length + ' images)');
}

main().catch((e) => { console.error(e); process.exit(1); });
