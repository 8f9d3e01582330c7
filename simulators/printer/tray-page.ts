/**
 * The paper tray of the emulated printer as a web page, for whoever runs the demo: the last printed
 * documents as images, newest first, and buttons to open the cover or take the paper out.
 * Loopback only; it is a simulator's window, not part of the kiosk.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrinterEmulator } from './server.ts';
import { PRINTER_CONDITIONS, type PrinterConditionName } from './status.ts';

const CONDITION_LABELS: Readonly<Record<string, string>> = {
  online: 'Lista',
  'paper-near-end': 'Queda poco papel',
  'paper-out': 'Sin papel',
  'cover-open': 'Tapa abierta',
  'cutter-error': 'Cuchilla atascada',
  off: 'Apagada',
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface TrayPage {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startTrayPage(
  emulator: PrinterEmulator,
  port: number,
  host = '127.0.0.1',
): Promise<TrayPage> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tray');
    const image = /^\/documento\/(\d+)\.png$/.exec(url.pathname);
    if (req.method === 'GET' && image) {
      const doc = emulator.documents().find((d) => d.sequence === Number(image[1]));
      if (!doc) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      return void res.end(doc.png);
    }
    const state = /^\/estado\/([a-z-]+)$/.exec(url.pathname);
    if (req.method === 'POST' && state && Object.hasOwn(PRINTER_CONDITIONS, state[1]!)) {
      emulator.setState(state[1] as PrinterConditionName);
      return void res.writeHead(303, { location: '/' }).end();
    }
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(trayHtml(emulator));
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No encontrado');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function trayHtml(emulator: PrinterEmulator): string {
  const documents = [...emulator.documents()].reverse();
  const buttons = Object.keys(PRINTER_CONDITIONS)
    .map(
      (name) =>
        `<form method="post" action="/estado/${name}"><button>${escapeHtml(CONDITION_LABELS[name] ?? name)}</button></form>`,
    )
    .join('');
  const items = documents
    .map(
      (doc) => `<figure>
  <img src="/documento/${doc.sequence}.png" alt="Documento ${doc.sequence}">
  <figcaption>Documento ${doc.sequence}${doc.complete ? '' : ` <strong>INCOMPLETO (${escapeHtml(String(doc.interruptedBy))})</strong>`}</figcaption>
</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Bandeja de la impresora simulada</title>
<style>body{font-family:sans-serif;background:#ddd;margin:1rem}figure{display:inline-block;vertical-align:top;margin:1rem;background:#fff;padding:.5rem}
img{display:block;max-width:420px}form{display:inline}button{font-size:1rem;margin:.2rem;padding:.5rem 1rem}</style></head>
<body><h1>Bandeja de la impresora simulada</h1>
<p>Cambiar el estado de la impresora: ${buttons}</p>
${items || '<p>Todavía no se ha impreso nada.</p>'}
</body></html>`;
}
