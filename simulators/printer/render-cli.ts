/**
 * CLI: renders ESC/POS bytes to a PNG without any printer, for `kioskctl printer preview`.
 *   node simulators/printer/render-cli.ts <58|80> <out.png>  < document.bin
 * Reads the byte stream on stdin, runs it through the emulated printer (its own decoder, not the
 * kiosk's encoder) and writes the first document that comes out (the first cut; if there is none,
 * what was printed so far) as PNG. Prints on stdout one JSON line: the printed text, whether it is
 * complete, and the emulator's warnings and unknown bytes. Exit 0 when written, 1 when nothing was
 * printed, 2 on bad arguments; errors go to stderr as JSON.
 */
import { writeFileSync } from 'node:fs';
import { PrinterSimError } from './errors.ts';
import type { PrintedDocument } from './page.ts';
import { EmulatedPrinter } from './printer.ts';
import { renderDocumentPng } from './render.ts';
import { type PaperWidthMm, PRINTABLE_DOTS } from './server.ts';

export type RenderSummary = Pick<PrintedDocument, 'text' | 'complete' | 'cut' | 'warnings' | 'unknown'> & {
  readonly paperWidthMm: PaperWidthMm;
  readonly bytes: number;
};

/** The first document a stream prints, or null when it prints nothing at all. Pure. */
export function firstDocument(bytes: Uint8Array, paperWidthMm: PaperWidthMm): PrintedDocument | null {
  const printer = new EmulatedPrinter({ paperWidthDots: PRINTABLE_DOTS[paperWidthMm] });
  const [first] = printer.receive(bytes).finished;
  if (first !== undefined) return first;
  const pending = printer.pending();
  return pending.blocks.length > 0 ? pending : null;
}

function parseWidth(arg: string | undefined): PaperWidthMm {
  if (arg === '58' || arg === '80') return Number(arg) as PaperWidthMm;
  throw new PrinterSimError(
    'printer_sim.bad_argument',
    'Ancho de papel no válido.',
    `usage: render-cli.ts <58|80> <out.png>; got width ${String(arg)}`,
  );
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function main(argv: readonly string[]): Promise<number> {
  const [widthArg, out, ...extra] = argv;
  const paperWidthMm = parseWidth(widthArg);
  if (out === undefined || out === '' || extra.length > 0) {
    throw new PrinterSimError(
      'printer_sim.bad_argument',
      'Falta el fichero de salida.',
      'usage: render-cli.ts <58|80> <out.png>',
    );
  }
  const bytes = await readStdin();
  const doc = firstDocument(bytes, paperWidthMm);
  if (doc === null) {
    throw new PrinterSimError(
      'printer_sim.no_document',
      'Los datos recibidos no imprimen nada.',
      `${bytes.length} bytes on stdin, nothing on paper`,
    );
  }
  writeFileSync(out, renderDocumentPng(doc));
  const summary: RenderSummary = {
    paperWidthMm,
    bytes: bytes.length,
    text: doc.text,
    complete: doc.complete,
    cut: doc.cut,
    warnings: doc.warnings,
    unknown: doc.unknown,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof PrinterSimError ? JSON.stringify(error.toJSON()) : String(error)}\n`,
      );
      process.exitCode =
        error instanceof PrinterSimError && error.code === 'printer_sim.bad_argument' ? 2 : 1;
    },
  );
}
