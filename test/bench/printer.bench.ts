/**
 * Printer benchmark (issue 5): for each document, the ESC/POS bytes on the wire, the transfer time
 * at 115200 baud (8N1: 10 bits a byte) and the host time to lay out and encode (median of many
 * runs). Targets: a volante individual in ≤ 4 KB (native QR, no raster images), layout + encode
 * ≤ 5 ms. Plain Node program: `node test/bench/printer.bench.ts`; it reports, it never fails.
 */
import {
  CODE_PAGES,
  type CodePage,
  encodeDocument,
  type PaperWidthMm,
  SAMPLE_DOCUMENTS,
  type SampleDocumentName,
  sampleDocument,
} from '../../drivers/printer/index.ts';

const BAUD = 115_200;
const BITS_PER_BYTE = 10;
const RUNS = 400;
const WARMUP = 50;
const TARGET_VOLANTE_BYTES = 4 * 1024;
const TARGET_HOST_MS = 5;
const ISSUED_AT = new Date('2026-11-23T13:05:00Z');

interface Row {
  readonly document: SampleDocumentName;
  readonly bytes: number;
  readonly transferMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

function layoutAndEncode(
  name: SampleDocumentName,
  paperWidthMm: PaperWidthMm,
  codePage: CodePage,
): Uint8Array {
  return encodeDocument(sampleDocument(name, { paperWidthMm, codePage, issuedAt: ISSUED_AT }), {
    paperWidthMm,
    codePage,
  });
}

function measure(name: SampleDocumentName, paperWidthMm: PaperWidthMm, codePage: CodePage): Row {
  const bytes = layoutAndEncode(name, paperWidthMm, codePage).length;
  for (let i = 0; i < WARMUP; i++) layoutAndEncode(name, paperWidthMm, codePage);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    layoutAndEncode(name, paperWidthMm, codePage);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    document: name,
    bytes,
    transferMs: (bytes * BITS_PER_BYTE * 1000) / BAUD,
    medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    p95Ms: times[Math.floor(times.length * 0.95)] ?? Number.NaN,
  };
}

const verdict = (ok: boolean): string => (ok ? 'ok' : 'OVER TARGET');

for (const [paperWidthMm, codePage] of [
  [58, CODE_PAGES.pc858],
  [80, CODE_PAGES.wpc1252],
] as const) {
  console.log(
    `\nprinter: ${paperWidthMm} mm, ${codePage.charset}; ${RUNS} runs after ${WARMUP} warm-up; transfer at ${BAUD} baud, ${BITS_PER_BYTE} bits/byte`,
  );
  console.log(
    `${'document'.padEnd(20)}${'bytes'.padStart(8)}${'transfer ms'.padStart(13)}${'layout+encode median ms'.padStart(25)}${'p95 ms'.padStart(9)}  targets`,
  );
  for (const name of SAMPLE_DOCUMENTS) {
    const row = measure(name, paperWidthMm, codePage);
    const targets = [`host ≤ ${TARGET_HOST_MS} ms ${verdict(row.medianMs <= TARGET_HOST_MS)}`];
    if (name === 'volante-individual') {
      targets.unshift(`≤ 4 KB ${verdict(row.bytes <= TARGET_VOLANTE_BYTES)}`);
    }
    console.log(
      `${row.document.padEnd(20)}${String(row.bytes).padStart(8)}${row.transferMs.toFixed(1).padStart(13)}${row.medianMs.toFixed(3).padStart(25)}${row.p95Ms.toFixed(3).padStart(9)}  ${targets.join(', ')}`,
    );
  }
}
