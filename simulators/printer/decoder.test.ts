import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAll, type EscPosCommand, EscPosDecoder } from './decoder.ts';
import { PageBuilder, type PrintedDocument } from './page.ts';

// Byte sequences below are written by hand from escpos.md, not produced by any encoder.
const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

function bytes(...parts: (number | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flat());
}

/** Joins adjacent text commands: how text is split into commands depends on chunk borders. */
function normalise(commands: readonly EscPosCommand[]): EscPosCommand[] {
  const out: EscPosCommand[] = [];
  for (const c of commands) {
    const last = out[out.length - 1];
    if (c.kind === 'text' && last?.kind === 'text') {
      out[out.length - 1] = {
        kind: 'text',
        text: last.text + c.text,
        byteCount: last.byteCount + c.byteCount,
      };
    } else {
      out.push(c);
    }
  }
  return out;
}

function decodeInChunks(data: Uint8Array, cuts: number[]) {
  const decoder = new EscPosDecoder();
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const commands: EscPosCommand[] = [];
  const statusRequests: number[] = [];
  let from = 0;
  for (const p of [...points, data.length]) {
    const r = decoder.push(data.subarray(from, p));
    commands.push(...r.commands);
    statusRequests.push(...r.statusRequests);
    from = p;
  }
  return { commands: normalise(commands), statusRequests, pending: decoder.pendingByteCount() };
}

function pages(commands: readonly EscPosCommand[]): { docs: PrintedDocument[]; pending: PrintedDocument } {
  const builder = new PageBuilder({ paperWidthDots: 576 });
  const docs: PrintedDocument[] = [];
  for (const c of commands) {
    const d = builder.apply(c);
    if (d !== null) docs.push(d);
  }
  return { docs, pending: builder.pending() };
}

function texts(data: Uint8Array): string {
  return decodeAll(data)
    .commands.filter((c) => c.kind === 'text')
    .map((c) => c.text)
    .join('');
}

describe('code pages (escpos.md §2)', () => {
  it('decodes Spanish text in PC858 (ESC t 19): "Año" = 41 A4 6F, "€" = D5', () => {
    expect(texts(bytes(ESC, 0x74, 19, 0x41, 0xa4, 0x6f, 0x20, 0xd5))).toBe('Año €');
  });

  it('decodes the accented capitals of PC858 and PC850', () => {
    const caps = [0xb5, 0x90, 0xd6, 0xe0, 0xe9, 0xa5, 0x9a, 0xa8, 0xad];
    expect(texts(bytes(ESC, 0x74, 19, caps))).toBe('ÁÉÍÓÚÑÜ¿¡');
    expect(texts(bytes(ESC, 0x74, 2, caps))).toBe('ÁÉÍÓÚÑÜ¿¡');
  });

  it('PC850 has the dotless i where PC858 has the euro sign', () => {
    expect(texts(bytes(ESC, 0x74, 2, 0xd5))).toBe('ı');
  });

  it('decodes WPC1252 (ESC t 16): ñ F1, € 80, Ó D3', () => {
    expect(texts(bytes(ESC, 0x74, 16, 0xf1, 0x80, 0xd3, 0xbf, 0xa1))).toBe('ñ€Ó¿¡');
  });

  it('PC437 is the power-on table and ESC @ goes back to it', () => {
    expect(texts(bytes(0xa4, 0xa0, 0x82))).toBe('ñáé');
    expect(texts(bytes(ESC, 0x74, 16, 0xf1, ESC, 0x40, 0xf1))).toBe('ñ±');
  });

  it('an unknown code page prints the replacement character for high bytes only', () => {
    expect(texts(bytes(ESC, 0x74, 99, 0x41, 0xa4))).toBe('A\ufffd');
  });

  it('ESC R 7 (Spain I) turns [ \\ ] | into ¡ Ñ ¿ ñ; ESC R 0 restores them', () => {
    expect(texts(bytes(ESC, 0x52, 7, ascii('[\\]|'), ESC, 0x52, 0, ascii('[|')))).toBe('¡Ñ¿ñ[|');
  });
});

describe('commands', () => {
  it('reads style, alignment and feed commands with their parameters', () => {
    const { commands } = decodeAll(
      bytes(ESC, 0x40, ESC, 0x21, 0x38, ESC, 0x45, 1, ESC, 0x2d, 2, GS, 0x21, 0x11, ESC, 0x61, 1, LF, 0x0d),
    );
    expect(commands).toEqual([
      { kind: 'initialize' },
      { kind: 'print_mode', n: 0x38 },
      { kind: 'bold', on: true },
      { kind: 'underline', n: 2 },
      { kind: 'char_size', n: 0x11 },
      { kind: 'align', n: 1 },
      { kind: 'line_feed' },
      { kind: 'carriage_return' },
    ]);
  });

  it('reads ESC d n and ESC J n', () => {
    expect(decodeAll(bytes(ESC, 0x64, 3, ESC, 0x4a, 40)).commands).toEqual([
      { kind: 'feed_lines', n: 3 },
      { kind: 'feed_dots', n: 40 },
    ]);
  });

  it('reads every GS V form (escpos.md §4)', () => {
    const { commands } = decodeAll(
      bytes(
        GS,
        0x56,
        0,
        GS,
        0x56,
        1,
        GS,
        0x56,
        48,
        GS,
        0x56,
        49,
        GS,
        0x56,
        65,
        3,
        GS,
        0x56,
        66,
        0,
        GS,
        0x56,
        97,
        5,
      ),
    );
    expect(commands).toEqual([
      { kind: 'cut', m: 0, mode: 'full', feedBeforeCut: null },
      { kind: 'cut', m: 1, mode: 'partial', feedBeforeCut: null },
      { kind: 'cut', m: 48, mode: 'full', feedBeforeCut: null },
      { kind: 'cut', m: 49, mode: 'partial', feedBeforeCut: null },
      { kind: 'cut', m: 65, mode: 'full', feedBeforeCut: 3 },
      { kind: 'cut', m: 66, mode: 'partial', feedBeforeCut: 0 },
      { kind: 'cut', m: 97, mode: 'full', feedBeforeCut: 5 },
    ]);
  });

  it('reads the QR sequence 165 → 167 → 169 → 180 → 181 (escpos.md §3)', () => {
    const data = ascii('https://example.es/v?c=1');
    const k = data.length + 3;
    const { commands } = decodeAll(
      bytes(
        [GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0],
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6],
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31],
        [GS, 0x28, 0x6b, k & 0xff, k >> 8, 0x31, 0x50, 0x30, ...data],
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x52, 0x30],
      ),
    );
    expect(commands).toEqual([
      { kind: 'qr_model', n1: 0x32 },
      { kind: 'qr_module_size', n: 6 },
      { kind: 'qr_error_correction', n: 0x31 },
      { kind: 'qr_store', data: Uint8Array.from(data) },
      { kind: 'qr_print' },
      { kind: 'qr_size_info' },
    ]);
  });

  it('reads a 300-byte QR store with a two-byte length (pH = 1)', () => {
    const data = new Array<number>(300).fill(0x41);
    const k = data.length + 3; // 303 = 0x012F
    const { commands } = decodeAll(bytes(GS, 0x28, 0x6b, 0x2f, 0x01, 0x31, 0x50, 0x30, data, 0x42));
    expect(commands[0]).toEqual({ kind: 'qr_store', data: Uint8Array.from(data) });
    expect(commands[1]).toEqual({ kind: 'text', text: 'B', byteCount: 1 });
    expect(k).toBe(0x12f);
  });

  it('skips other GS ( k symbols (PDF417, cn 0x30) by their length', () => {
    const { commands } = decodeAll(bytes(GS, 0x28, 0x6b, 3, 0, 0x30, 0x41, 0x02, 0x58));
    expect(commands).toEqual([
      { kind: 'ignored', name: 'GS ( k', byteCount: 8 },
      { kind: 'text', text: 'X', byteCount: 1 },
    ]);
  });

  it('reads barcodes in form B (explicit length) and form A (NUL-terminated), and their settings', () => {
    const { commands } = decodeAll(
      bytes(
        [GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 2],
        [GS, 0x6b, 73, 5, 0x7b, 0x43, 0x0c, 0x22, 0x38],
        [GS, 0x6b, 2, ...ascii('4006381333931'), 0],
      ),
    );
    expect(commands).toEqual([
      { kind: 'barcode_height', n: 80 },
      { kind: 'barcode_width', n: 2 },
      { kind: 'barcode_hri', n: 2 },
      { kind: 'barcode', m: 73, data: Uint8Array.of(0x7b, 0x43, 0x0c, 0x22, 0x38) },
      { kind: 'barcode', m: 2, data: Uint8Array.from(ascii('4006381333931')) },
    ]);
  });

  it('drops a form A barcode at a byte out of range and parses on from that byte', () => {
    const { commands } = decodeAll(bytes(GS, 0x6b, 4, ascii('AB'), LF, ascii('C')));
    expect(commands).toEqual([
      { kind: 'barcode_rejected', m: 4, reason: 'byte 0x0a in form A data' },
      { kind: 'line_feed' },
      { kind: 'text', text: 'C', byteCount: 1 },
    ]);
  });

  it('reads GS r, GS a and a raster image', () => {
    const { commands } = decodeAll(
      bytes(GS, 0x72, 1, GS, 0x61, 0x0f, GS, 0x76, 0x30, 0, 1, 0, 2, 0, 0xff, 0x81),
    );
    expect(commands).toEqual([
      { kind: 'paper_status_request', n: 1 },
      { kind: 'asb', n: 0x0f },
      { kind: 'raster', m: 0, widthBytes: 1, height: 2, data: Uint8Array.of(0xff, 0x81) },
    ]);
  });

  it('records unknown bytes and commands as events instead of failing', () => {
    const { commands } = decodeAll(bytes(0x07, ESC, 0x7a, GS, 0xee, ascii('ok')));
    expect(commands).toEqual([
      { kind: 'unknown', bytes: [0x07], description: 'unknown byte 0x07' },
      { kind: 'unknown', bytes: [ESC, 0x7a], description: 'unknown byte 0x7a after ESC' },
      { kind: 'unknown', bytes: [GS, 0xee], description: 'unknown byte 0xee after GS' },
      { kind: 'text', text: 'ok', byteCount: 2 },
    ]);
  });
});

describe('DLE EOT real-time status (escpos.md §6)', () => {
  it('reports requests between commands and consumes them', () => {
    const r = decodeAll(bytes(ascii('A'), DLE, 0x04, 1, ascii('B'), DLE, 0x04, 4));
    expect(r.statusRequests).toEqual([1, 4]);
    expect(normalise(r.commands)).toEqual([
      { kind: 'text', text: 'A', byteCount: 1 },
      { kind: 'inline_status_request', n: 1 },
      { kind: 'text', text: 'B', byteCount: 1 },
      { kind: 'inline_status_request', n: 4 },
    ]);
  });

  it('answers at once even inside QR data that is not complete yet', () => {
    const decoder = new EscPosDecoder();
    // Store header announces 10 data bytes; only 4 arrive, the second of which starts DLE EOT 2.
    const first = decoder.push(bytes(GS, 0x28, 0x6b, 13, 0, 0x31, 0x50, 0x30, 0x41, DLE, 0x04, 2));
    expect(first.statusRequests).toEqual([2]);
    expect(first.commands).toEqual([]);
    const second = decoder.push(bytes(ascii('BCDEFG')));
    expect(second.statusRequests).toEqual([]);
    // The request bytes stay part of the symbol data, as on the printer.
    expect(second.commands).toEqual([
      { kind: 'qr_store', data: Uint8Array.of(0x41, DLE, 0x04, 2, ...ascii('BCDEFG')) },
    ]);
  });

  it('finds a request split over three chunks', () => {
    const decoder = new EscPosDecoder();
    expect(decoder.push(bytes(DLE)).statusRequests).toEqual([]);
    expect(decoder.push(bytes(0x04)).statusRequests).toEqual([]);
    expect(decoder.push(bytes(3)).statusRequests).toEqual([3]);
  });

  it('ignores n outside 1–4', () => {
    expect(decodeAll(bytes(DLE, 0x04, 9)).statusRequests).toEqual([]);
  });
});

/** Hand-made ESC/POS pieces, so the properties exercise real commands and not only text. */
const piece: fc.Arbitrary<number[]> = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => ascii(s.replace(/[^\x20-\x7e]/g, 'x'))),
  fc.uint8Array({ maxLength: 8 }).map((a) => Array.from(a, (b) => b | 0x80)),
  fc
    .constantFrom(
      [LF],
      [0x0d],
      [0x09],
      [ESC, 0x40],
      [DLE, 0x04, 1],
      [DLE, 0x04, 4],
      [GS, 0x56, 66, 3],
      [GS, 0x56, 0],
    )
    .map((a) => [...a]),
  fc
    .tuple(fc.constantFrom(0x74, 0x21, 0x45, 0x2d, 0x61, 0x64, 0x4a, 0x52), fc.integer({ min: 0, max: 255 }))
    .map(([f, n]) => [ESC, f, n]),
  fc
    .tuple(fc.constantFrom(0x21, 0x68, 0x77, 0x48, 0x72), fc.integer({ min: 0, max: 255 }))
    .map(([f, n]) => [GS, f, n]),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((d) => {
    const k = d.length + 3;
    return [GS, 0x28, 0x6b, k, 0, 0x31, 0x50, 0x30, ...d];
  }),
  fc
    .constantFrom(
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 4],
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x33],
    )
    .map((a) => [...a]),
  fc.uint8Array({ maxLength: 12 }).map((d) => [GS, 0x6b, 73, d.length, ...d]),
  fc.string({ maxLength: 10 }).map((s) => [GS, 0x6b, 4, ...ascii(s.replace(/[^\x20-\x7e]/g, '1')), 0]),
  fc.uint8Array({ minLength: 1, maxLength: 4 }).map((a) => Array.from(a)),
);
const stream = fc.array(piece, { maxLength: 30 }).map((ps) => Uint8Array.from(ps.flat()));
const splits = fc.array(fc.nat(), { maxLength: 12 });

describe('properties', () => {
  it('no input makes the decoder or the page model throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), stream), splits, (data, cuts) => {
        const r = decodeInChunks(data, cuts);
        pages(r.commands);
      }),
      { numRuns: 300 },
    );
  });

  it('split points never change the decoded result', () => {
    fc.assert(
      fc.property(fc.oneof(stream, fc.uint8Array({ maxLength: 300 })), splits, (data, cuts) => {
        const whole = decodeInChunks(data, []);
        const split = decodeInChunks(data, cuts);
        expect(split).toEqual(whole);
        expect(pages(split.commands)).toEqual(pages(whole.commands));
      }),
      { numRuns: 300 },
    );
  });

  it('every DLE EOT 1–4 in the stream is reported, wherever it is', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        (data, at, n) => {
          const pos = at % (data.length + 1);
          const withRequest = Uint8Array.from([
            ...data.subarray(0, pos),
            DLE,
            0x04,
            n,
            ...data.subarray(pos),
          ]);
          const before = decodeAll(data).statusRequests.length;
          // Inserting a request adds exactly one report (it may also complete or break one around it).
          const after = decodeAll(withRequest).statusRequests;
          expect(after).toContain(n);
          expect(after.length).toBeGreaterThanOrEqual(Math.max(1, before - 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});
