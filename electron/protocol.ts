/**
 * The `cajero://app/` protocol: serves the built screen from inside the package, with the same
 * security headers as browser mode (core/host/csp.ts). No WebSocket origin in connect-src: in Electron
 * the KioskApi goes over IPC, so the page may connect to nothing but itself.
 *
 * Plain Node (fetch's Request/Response are globals): Electron's `protocol.handle` takes this handler
 * as it is, and tests call it directly.
 */
import { readFile } from 'node:fs/promises';
import { securityHeaders } from '../core/host/csp.ts';
import { APP_SCHEME, resolveAppFile } from './policy/index.ts';

/** Registered before `ready` (protocol.registerSchemesAsPrivileged): a standard, secure origin. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    // Never bypassCSP, never corsEnabled, no service workers: the page is one static bundle.
    bypassCSP: false,
    corsEnabled: false,
    allowServiceWorkers: false,
    stream: false,
    codeCache: true,
  },
} as const;

export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const headers = securityHeaders(null);
  return async (request) => {
    const resolved = resolveAppFile(root, request.url, request.method);
    if (!resolved.ok) {
      return new Response(null, { status: resolved.status, headers });
    }
    let body: Buffer;
    try {
      body = await readFile(resolved.file);
    } catch {
      // Missing file (or the screen was never built into the package): the technician reads the logs.
      return new Response('No encontrado', {
        status: 404,
        headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...headers, 'content-type': resolved.contentType, 'cache-control': 'no-store' },
    });
  };
}
