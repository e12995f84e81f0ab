// Turns nsfwjs's browserify-bundled model files (model.min.js exporting the model.json object, and
// groupN-shardMofK.min.js each exporting a base64 string) back into a standard TF.js layers model:
// model.json plus binary shards. Each bundle is evaluated in a fresh vm context that has only
// `module` and `exports` (no require, no process), so the bundle can do nothing but export its value.
// Usage: node unbundle-tfjs-model.cjs <bundleDir> <outDir>
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

function load(file) {
  const module = { exports: {} };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { module, exports: module.exports }, { filename: file });
  return module.exports;
}

const [bundleDir, outDir] = process.argv.slice(2);
if (!bundleDir || !outDir) {
  console.error('usage: node unbundle-tfjs-model.cjs <bundleDir> <outDir>');
  process.exit(2);
}
const model = load(path.join(bundleDir, 'model.min.js'));
if (!model || !model.modelTopology || !Array.isArray(model.weightsManifest)) {
  console.error(path.join(bundleDir, 'model.min.js') + ': does not export a TF.js model.json object');
  process.exit(3);
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'model.json'), JSON.stringify(model));
for (const group of model.weightsManifest) {
  for (const shard of group.paths) {
    if (shard.includes('/') || shard.includes('\\') || shard.startsWith('.')) {
      console.error('refusing shard path ' + shard);
      process.exit(3);
    }
    const base64 = load(path.join(bundleDir, shard + '.min.js'));
    if (typeof base64 !== 'string') {
      console.error(shard + '.min.js: does not export a base64 string');
      process.exit(3);
    }
    fs.writeFileSync(path.join(outDir, shard), Buffer.from(base64, 'base64'));
  }
}
console.log('unbundled ' + model.weightsManifest.length + ' weight group(s) to ' + outDir);
