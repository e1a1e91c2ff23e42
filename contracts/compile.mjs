// Compiles src/main/solidity and src/test/solidity with the solc pinned in package.json, through solc's
// standard-JSON interface, and writes <Contract>.abi and <Contract>.bin (what web3j's wrapper generator reads)
// into <out>/main and <out>/test, and the compiler's version into <out>/main/solc-version.txt (the gas report
// names it). Skips the work when neither the sources nor the settings changed.
//
//   node compile.mjs <out-dir>
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node compile.mjs <out-dir>');
  process.exit(2);
}

// viaIR and a high run count: the settlement is called far more often than it is deployed.
// Cancun: transient storage (EIP-1153) for the reentrancy locks.
const settings = {
  optimizer: { enabled: true, runs: 100000 },
  viaIR: true,
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};
// Sources named by their path under src/, so "main/solidity/Settlement.sol"; tests import main by relative path.
const sourceRoot = join(root, 'src');
const sets = { main: join(sourceRoot, 'main', 'solidity'), test: join(sourceRoot, 'test', 'solidity') };
// Interfaces and internal libraries compile to nothing worth wrapping.
const unwrapped = new Set(['interfaces', 'libraries']);

function solidityFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return solidityFiles(path);
    return name.endsWith('.sol') ? [path] : [];
  });
}

const sources = {};
for (const dir of Object.values(sets)) {
  for (const file of solidityFiles(dir)) {
    sources[relative(sourceRoot, file).split(sep).join('/')] = { content: readFileSync(file, 'utf8') };
  }
}

const stamp = createHash('sha256')
  .update(solc.version())
  .update(JSON.stringify(settings))
  .update(JSON.stringify(sources))
  .digest('hex');
const stampFile = join(out, '.stamp');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`solc: contracts up to date in ${out}`);
  process.exit(0);
}

console.log(`solc ${solc.version()}: compiling ${Object.keys(sources).length} sources`);
const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings })));
let failed = false;
for (const e of output.errors ?? []) {
  if (e.severity === 'error') failed = true;
  console.error(e.formattedMessage ?? e.message);
}
if (failed) process.exit(1);

rmSync(out, { recursive: true, force: true });
for (const [set, dir] of Object.entries(sets)) {
  const prefix = relative(sourceRoot, dir).split(sep).join('/') + '/';
  const target = join(out, set);
  mkdirSync(target, { recursive: true });
  for (const [source, contracts] of Object.entries(output.contracts ?? {})) {
    if (!source.startsWith(prefix)) continue;
    if (unwrapped.has(source.slice(prefix.length).split('/')[0])) continue;
    for (const [name, contract] of Object.entries(contracts)) {
      if (!contract.evm.bytecode.object) continue; // abstract
      writeFileSync(join(target, `${name}.abi`), JSON.stringify(contract.abi));
      writeFileSync(join(target, `${name}.bin`), contract.evm.bytecode.object);
    }
  }
}
// Travels in the jar beside the ABIs, so reports name the compiler that built the bytecode they measure.
writeFileSync(join(out, 'main', 'solc-version.txt'), solc.version());
writeFileSync(stampFile, stamp);
console.log(`solc: wrote ABI and bytecode to ${out}`);
