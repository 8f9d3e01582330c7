import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstDocument } from './render-cli.ts';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const SCRIPT = join(import.meta.dirname, 'render-cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'render-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const TWO_DOCS = Uint8Array.from([
  ...[ESC, 0x40, ESC, 0x74, 19, ...ascii('Primero'), LF, GS, 0x56, 66, 0],
  ...[...ascii('Segundo'), LF, GS, 0x56, 66, 0],
]);

function run(args: string[], input: Uint8Array) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { input, timeout: 15_000 });
}

describe('firstDocument', () => {
  it('takes the first cut document, or what was printed when there is no cut', () => {
    expect(firstDocument(TWO_DOCS, 58)?.text).toBe('Primero');
    expect(firstDocument(Uint8Array.from([...ascii('sin corte'), LF]), 80)).toMatchObject({
      text: 'sin corte',
      cut: null,
    });
    expect(firstDocument(Uint8Array.from([ESC, 0x40]), 80)).toBeNull();
  });
});

describe('render-cli as a process', () => {
  it('writes the PNG of the first document and a JSON summary', () => {
    const out = join(dir, 'first.png');
    const result = run(['58', out], TWO_DOCS);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout.toString());
    expect(summary).toMatchObject({
      paperWidthMm: 58,
      text: 'Primero',
      complete: true,
      warnings: [],
      unknown: [],
    });
    const png = readFileSync(out);
    expect([...png.subarray(1, 4)]).toEqual(ascii('PNG'));
    // 384 printable dots plus the side margins.
    expect(png.readUInt32BE(16)).toBe(384 + 64);
  });

  it('fails with exit 1 when nothing prints and 2 on a bad width', () => {
    const nothing = run(['80', join(dir, 'none.png')], Uint8Array.from([ESC, 0x40]));
    expect(nothing.status).toBe(1);
    expect(JSON.parse(nothing.stderr.toString())).toMatchObject({ code: 'printer_sim.no_document' });
    const bad = run(['57', join(dir, 'bad.png')], TWO_DOCS);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stderr.toString())).toMatchObject({ code: 'printer_sim.bad_argument' });
  });
});
