/**
 * The directions imports may take between the folders of the house (DESIGN.md):
 * renderer → the KioskApi contract only; electron → core; core → drivers; simulators → nothing of
 * the drivers they check; central → the shared contracts only. Nothing below electron/ and renderer/
 * imports Electron or React.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  readonly path: string;
  readonly specifiers: readonly string[];
}

export interface LayeringViolation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

type Layer =
  | 'renderer'
  | 'electron'
  | 'core'
  | 'drivers'
  | 'simulators'
  | 'central'
  | 'kiosk-config'
  | 'other';

const LAYERS: readonly Layer[] = [
  'renderer',
  'electron',
  'core',
  'drivers',
  'simulators',
  'central',
  'kiosk-config',
];

/** For each layer, the repository folders (prefixes) it may import from, besides itself. */
const ALLOWED: Readonly<Record<Exclude<Layer, 'other'>, readonly string[]>> = {
  renderer: ['core/api/contract.ts'],
  electron: ['core/', 'kiosk-config/', 'drivers/common/'],
  core: ['drivers/', 'kiosk-config/'],
  drivers: ['drivers/common/'],
  simulators: [],
  // central shares the sync contract with core and the certificate code with the kiosk; nothing else.
  central: ['core/sync/contract', 'drivers/pki/', 'drivers/common/', 'core/identity/', 'core/recibos/'],
  'kiosk-config': ['drivers/common/'],
};

/**
 * Extra prefixes a layer's test files may import (see the header), and which files count as its test
 * files: only names no shipping file has (a simulator's `pki/test-pki.ts` ships, so simulators get
 * `*.test.ts` alone).
 */
const ALLOWED_IN_TESTS: Readonly<
  Partial<Record<Exclude<Layer, 'other'>, { readonly files: RegExp; readonly prefixes: readonly string[] }>>
> = {
  simulators: { files: /\.test\.ts$/, prefixes: ['drivers/pki/'] },
  central: {
    files: /(\.test\.ts|\.bench\.ts|\/test-(fixtures|support|harness)\.ts)$/,
    prefixes: ['simulators/'],
  },
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function layerOf(file: string): Layer {
  const top = file.split('/')[0] as Layer;
  return LAYERS.includes(top) ? top : 'other';
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function checkLayering(files: readonly SourceFile[]): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (layer === 'other') continue;
    // Test files of a layer follow its rules too: a test may not smuggle in what its code may not use.
    for (const specifier of file.specifiers) {
      const rule = violatedRule(layer, file.path, specifier);
      if (rule) violations.push({ file: file.path, specifier, rule });
    }
  }
  return violations;
}

function violatedRule(layer: Exclude<Layer, 'other'>, file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (target.startsWith('../')) return 'imports from outside the repository';
    const targetLayer = layerOf(target);
    if (targetLayer === layer) return null;
    if (ALLOWED[layer].some((prefix) => target === prefix || target.startsWith(prefix))) return null;
    const inTests = ALLOWED_IN_TESTS[layer];
    if (inTests?.files.test(file) && inTests.prefixes.some((prefix) => target.startsWith(prefix)))
      return null;
    if (layer === 'renderer') return `renderer may import from core only ${ALLOWED.renderer.join(', ')}`;
    if (layer === 'simulators' && targetLayer === 'drivers')
      return 'a simulator never imports the driver it checks';
    return `${layer}/ may not import ${targetLayer === 'other' ? target : `${targetLayer}/`}`;
  }
  const pkg = packageName(specifier);
  if (pkg === 'electron' && layer !== 'electron') return 'only electron/ imports Electron';
  if ((pkg === 'react' || pkg === 'react-dom') && layer !== 'renderer') return 'only renderer/ imports React';
  if (layer === 'renderer' && NODE_BUILTINS.has(pkg) && !file.endsWith('vite.config.ts')) {
    return 'the renderer has no Node: no Node built-in modules';
  }
  return null;
}
