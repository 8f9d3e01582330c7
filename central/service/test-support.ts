/**
 * For `*.test.ts` and the benchmark only: a test PKI made at test time, an HTTPS client that presents a
 * kiosk certificate, and a logger whose lines the test can read.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:https';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import {
  type CaMaterial,
  createKioskCa,
  type IssuedCredential,
  issueKioskCertificate,
  issueServerCertificate,
  loadCa,
  type Validity,
} from './kiosk-ca.ts';

export function testValidity(now: Date = new Date()): Validity {
  return {
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + 86_400_000),
    serial: new Uint8Array(randomBytes(12)),
  };
}

export interface TestPki {
  readonly ca: IssuedCredential;
  readonly material: CaMaterial;
  readonly server: IssuedCredential;
  kiosk(kioskId: string, municipality: string): Promise<IssuedCredential>;
}

export async function makeTestPki(label = 'Test kiosk CA'): Promise<TestPki> {
  const ca = await createKioskCa(label, testValidity());
  const material = await loadCa(ca.certificatePem, ca.keyPem);
  const server = await issueServerCertificate(material, ['localhost', '127.0.0.1'], testValidity());
  return {
    ca,
    material,
    server,
    kiosk: (kioskId, municipality) =>
      issueKioskCertificate(material, { kioskId, municipality }, testValidity()),
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the answer has and assert on it.
  readonly json: any;
}

export interface KioskClient {
  call(
    method: string,
    path: string,
    body?: unknown,
    options?: { raw?: string | Buffer; contentType?: string },
  ): Promise<Reply>;
  close(): void;
}

/** A keep-alive HTTPS client to `baseUrl` that trusts `caPem` and presents `credential` (if any). */
export function kioskClient(
  baseUrl: string,
  caPem: string,
  credential?: IssuedCredential,
  maxSockets = 1,
): KioskClient {
  const agent = new Agent({
    keepAlive: true,
    maxSockets,
    ca: caPem,
    ...(credential === undefined ? {} : { cert: credential.certificatePem, key: credential.keyPem }),
  });
  return {
    call(method, path, body, options = {}) {
      const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
      return new Promise<Reply>((resolve, reject) => {
        const req = request(new URL(path, baseUrl), {
          method,
          agent,
          headers:
            payload === undefined
              ? {}
              : {
                  'content-type': options.contentType ?? 'application/json',
                  'content-length': Buffer.byteLength(payload),
                },
          timeout: 10_000,
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        });
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** A pino logger writing JSON lines into `lines`. */
export function capturingLogger(level: 'info' | 'warn' = 'info'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
