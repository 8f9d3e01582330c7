/**
 * The kiosk's HTTPS client to central's kiosk listener: mutual TLS with the kiosk's client certificate
 * (node:https with key/cert/ca), JSON in and out, every failure a typed `SyncError`. The files are read
 * again for every round (`openCentralConnection`), so a re-enrolled kiosk or an embedded central that
 * wrote its credential after the core started needs no restart.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import type { CentralErrorBody } from './contract.ts';
import type { CentralEndpoint } from './endpoint.ts';
import { SyncError } from './errors.ts';

export interface CentralConnection {
  call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  /**
   * One request whose answer, whatever its status, comes back as it is (the citizen routes branch on
   * central's error codes); only a failed transport rejects (`sync.unreachable`). `signal` aborts it.
   */
  exchange(
    method: 'GET' | 'POST',
    route: string,
    body?: unknown,
    options?: { readonly signal?: AbortSignal },
  ): Promise<CentralAnswer>;
  close(): void;
}

/** Central's answer: HTTP status and body text. */
export interface CentralAnswer {
  readonly status: number;
  readonly text: string;
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SyncError(
      'sync.credentials_missing',
      `${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { cause: error },
    );
  }
}

/** Central's refusal code from its JSON body, if it sent one. */
function centralCode(text: string): string {
  try {
    const body = JSON.parse(text) as Partial<CentralErrorBody>;
    const code = body.error?.code;
    return typeof code === 'string' ? code.slice(0, 80) : 'no error code';
  } catch {
    return 'no JSON body';
  }
}

export function openCentralConnection(endpoint: CentralEndpoint): CentralConnection {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: read(endpoint.caFile, 'CA'),
    cert: read(endpoint.certificateFile, 'kiosk certificate'),
    key: read(endpoint.keyFile, 'kiosk key'),
    minVersion: 'TLSv1.2',
  });
  const exchange = (
    method: 'GET' | 'POST',
    route: string,
    body?: unknown,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<CentralAnswer> => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<CentralAnswer>((resolve, reject) => {
      const req = request(new URL(route, endpoint.url), {
        method,
        agent,
        timeout: endpoint.timeoutMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        headers:
          payload === undefined
            ? { accept: 'application/json' }
            : {
                accept: 'application/json',
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              },
      });
      req.on('timeout', () => req.destroy(new Error(`no answer in ${endpoint.timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          new SyncError('sync.unreachable', `${method} ${route}: ${error.code ?? error.message}`, {
            cause: error,
          }),
        ),
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) =>
          reject(new SyncError('sync.unreachable', `${method} ${route}: ${error.message}`, { cause: error })),
        );
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.end(payload);
    });
  };
  return {
    exchange,
    async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
      const { status, text } = await exchange(method, route, body);
      const where = `${method} ${route}: ${status}`;
      if (status === 403) {
        throw new SyncError('sync.kiosk_refused', `${where} ${centralCode(text)}`, { status });
      }
      if (status >= 500 || status === 0) {
        throw new SyncError('sync.unreachable', `${where} ${centralCode(text)}`, { status });
      }
      if (status !== 200) {
        throw new SyncError('sync.request_refused', `${where} ${centralCode(text)}`, { status });
      }
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new SyncError('sync.bad_answer', `${where} body is not JSON`, { status, cause: error });
      }
    },
    close: () => agent.destroy(),
  };
}
