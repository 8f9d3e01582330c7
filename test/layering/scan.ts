/** Reads the repository's TypeScript sources for the layering check. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importSpecifiers } from './imports.ts';
import type { SourceFile } from './rules.ts';

const SKIP = new Set(['node_modules', 'dist', '.git', '.tools', 'data', 'fixtures']);

export function scanRepository(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) {
        files.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          specifiers: importSpecifiers(readFileSync(full, 'utf8')),
        });
      }
    }
  };
  walk(root);
  return files;
}

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');
