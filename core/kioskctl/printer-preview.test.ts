import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../../drivers/printer/index.ts';
import { printerCommand } from './printer-command.ts';
import { PreviewError, previewSettings, renderPreview } from './printer-preview.ts';

const dir = mkdtempSync(join(tmpdir(), 'kioskctl-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function preview(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const noSocket = () => Promise.reject(new Error('preview must not need the control socket'));
  const code = await printerCommand(
    ['preview', ...args],
    (l) => out.push(l),
    (l) => err.push(l),
    noSocket,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Width and height from the PNG header (IHDR). */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('kioskctl printer preview', () => {
  it('renders a volante on 58 mm paper through the emulator, without a printer or a core', async () => {
    const file = join(dir, 'volante.png');
    const result = await preview('volante-individual', '--out', file, '--width', '58');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^volante-individual: .*volante\.png \(58 mm, pc858, \d+ bytes ESC\/POS\)$/);
    const size = pngSize(file);
    // 384 printable dots and the emulator's side margins; a volante is a long ticket.
    expect(size.width).toBe(384 + 64);
    expect(size.height).toBeGreaterThan(1000);
  });

  it('reports what the emulator printed as JSON, with the code page asked for', async () => {
    const file = join(dir, 'cierre.png');
    const result = await preview('cierre', '--out', file, '--code-page', 'wpc1252', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ file, paperWidthMm: 80, codePage: CODE_PAGES.wpc1252, complete: true });
    expect(json.text).toContain('CIERRE DIARIO');
    expect(json.text).toContain('Día');
    expect(json.warnings).toEqual([]);
    expect(pngSize(file).width).toBe(576 + 64);
  });

  it('answers a wrong order with the usage and exit 2', async () => {
    const missingOut = await preview('justificante');
    expect(missingOut.code).toBe(2);
    expect(missingOut.err).toContain('kioskctl printer preview volante-individual|volante-colectivo');
    const unknown = await preview('factura', '--out', join(dir, 'x.png'));
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.err).toContain('documento desconocido «factura»');
    const width = await preview('prueba', '--out', join(dir, 'x.png'), '--width', '72');
    expect(width).toMatchObject({ code: 2 });
    expect(width.err).toContain('El ancho de papel debe ser 58 u 80.');
  });

  it('fails with a typed error when the renderer cannot write the file', async () => {
    const failure = renderPreview({
      document: 'prueba',
      out: join(dir, 'no-such-folder', 'x.png'),
      paperWidthMm: 58,
      codePage: CODE_PAGES.pc858,
      issuedAt: new Date(),
    });
    await expect(failure).rejects.toBeInstanceOf(PreviewError);
    await expect(failure).rejects.toMatchObject({ code: 'kioskctl.preview_failed' });
  });

  it('takes a clone printer table number for the code page', () => {
    expect(previewSettings({ 'code-page': 'pc858', 'code-table': '40' })).toEqual({
      paperWidthMm: 80,
      codePage: { charset: 'pc858', escPosNumber: 40 },
    });
    expect(() => previewSettings({ 'code-table': '256' })).toThrow(PreviewError);
  });
});
