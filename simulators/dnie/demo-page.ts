/**
 * A tiny page for whoever runs the demo (`./cajero start`): insert a persona's virtual DNIe into vpcd
 * or pull it out, with plain HTML forms (no script). Loopback only; it drives the simulator, not the
 * kiosk, exactly as a hand at the card slot would.
 */
import { createServer, type Server } from 'node:http';

export interface DemoPageOptions {
  readonly host: string;
  readonly port: number;
  readonly personas: readonly string[];
  /** The persona whose card is in the reader now, or null. */
  readonly current: () => string | null;
  readonly insert: (persona: string) => Promise<void>;
  readonly remove: () => Promise<void>;
}

const htmlText = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(options: DemoPageOptions): string {
  const current = options.current();
  const buttons = options.personas
    .map(
      (persona) =>
        `<button name="persona" value="${htmlText(persona)}"${persona === current ? ' aria-pressed="true"' : ''}>${htmlText(persona)}</button>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>DNIe simulado</title>
<style>body{font:20px sans-serif;margin:2rem}button{font:inherit;min-height:3rem;margin:.25rem;padding:0 1rem}
[aria-pressed=true]{background:#0b4f8a;color:#fff}</style></head>
<body><h1>DNIe simulado</h1>
<p role="status">${current === null ? 'No hay ninguna tarjeta en el lector.' : `Tarjeta insertada: <strong>${htmlText(current)}</strong>`}</p>
<form method="post" action="/insert"><p>Insertar la tarjeta de:</p>${buttons}</form>
<form method="post" action="/remove"><button>Retirar la tarjeta</button></form>
</body></html>`;
}

export function startDemoPage(options: DemoPageOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const done = () => {
      response.writeHead(303, { location: '/' });
      response.end();
    };
    const fail = (error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(error instanceof Error ? error.message : String(error));
    };
    if (request.method === 'GET' && request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page(options));
      return;
    }
    if (request.method === 'POST' && request.url === '/remove') {
      options.remove().then(done, fail);
      return;
    }
    if (request.method === 'POST' && request.url === '/insert') {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 1000) request.destroy();
      });
      request.on('end', () => {
        const persona = new URLSearchParams(body).get('persona') ?? '';
        if (!options.personas.includes(persona)) {
          response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          response.end('persona desconocida');
          return;
        }
        options.insert(persona).then(done, fail);
      });
      return;
    }
    response.writeHead(404);
    response.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
