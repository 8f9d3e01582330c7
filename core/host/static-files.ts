/**
 * Serves the built screen (renderer/dist) to the local browser. Loopback only, GET and HEAD only,
 * no path outside the folder, and a Host check so a page elsewhere cannot reach it by DNS rebinding.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** The file types of the built screen and how they are served (browser mode and Electron's protocol). */
export const SCREEN_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

export interface StaticFilesOptions {
  readonly root: string;
  readonly allowedHosts: () => readonly string[];
  readonly headers: () => Record<string, string>;
}

export function staticFilesHandler(options: StaticFilesOptions) {
  const root = path.resolve(options.root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { ...options.headers(), 'content-type': type, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!options.allowedHosts().includes(req.headers.host ?? '')) return send(421, 'Host no permitido');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'Método no permitido', undefined, { allow: 'GET, HEAD' });

    const resolved = resolveRequestPath(root, req.url ?? '/');
    if (resolved === null) return send(404, 'No encontrado');
    const file = (await isFile(resolved)) ? resolved : path.join(root, 'index.html');
    if (!(await isFile(file))) {
      return send(503, 'La pantalla no está construida: ejecute «npm run build:renderer» y recargue.');
    }
    const body = await readFile(file);
    const type = SCREEN_CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Hashed assets may be cached; the page itself is always fetched again.
    const cache = file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-store';
    send(200, body, type, { 'cache-control': cache });
  };
}

/** The file a URL names inside `root`, or null when it is malformed or would leave the folder. */
export function resolveRequestPath(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const resolved = path.resolve(root, `.${pathname}`);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  return pathname.endsWith('/') ? path.join(resolved, 'index.html') : resolved;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
