/**
 * Bundles the shell for Electron, which does not run TypeScript:
 *   vite build --config electron/vite.config.ts --mode main     → build/electron/main.mjs
 *   vite build --config electron/vite.config.ts --mode preload  → build/electron/preload.cjs
 *
 * The main bundle keeps every npm package external (they ship in the asar's node_modules, native
 * addons rebuilt for Electron's ABI by electron-builder). The preload runs sandboxed, where only
 * `electron` can be required, so everything it uses (zod included) is bundled into one CommonJS file.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isBare = (id: string) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0');

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    root,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: path.join(root, 'build', 'electron'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      ssr: true,
      lib: {
        entry: path.join(import.meta.dirname, preload ? 'preload.ts' : 'main.ts'),
        formats: [preload ? 'cjs' : 'es'],
        fileName: () => (preload ? 'preload.cjs' : 'main.mjs'),
      },
      rollupOptions: {
        external: (id: string) => id === 'electron' || (!preload && (nodeBuiltins.has(id) || isBare(id))),
        output: { entryFileNames: preload ? 'preload.cjs' : 'main.mjs' },
      },
    },
    ssr: { noExternal: preload ? true : [], target: 'node' },
  };
});
