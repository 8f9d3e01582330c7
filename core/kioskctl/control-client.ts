/** kioskctl's side of the control socket. */
import { request } from 'node:http';
import { KioskError } from '../../drivers/common/kiosk-error.ts';

export class KioskctlError extends KioskError {
  readonly code: string;

  constructor(code: `kioskctl.${string}`, message: string, detail?: string) {
    super(message, detail);
    this.code = code;
  }
}

export function controlRequest<T>(
  socketPath: string,
  method: 'GET' | 'POST',
  route: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: route, method, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          reject(
            new KioskctlError(
              'kioskctl.bad_answer',
              `El cajero respondió ${res.statusCode} a ${route}.`,
              text,
            ),
          );
          return;
        }
        try {
          resolve(JSON.parse(text) as T);
        } catch {
          reject(
            new KioskctlError(
              'kioskctl.bad_answer',
              `El cajero respondió algo que no es JSON a ${route}.`,
              text.slice(0, 200),
            ),
          );
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
          ? 'no hay ningún cajero en marcha con esa carpeta de datos'
          : error.code === 'EACCES'
            ? 'no tiene permiso para hablar con el cajero (use el usuario del cajero o sudo)'
            : error.message === 'timeout'
              ? 'el cajero no contesta'
              : (error.code ?? error.message);
      reject(
        new KioskctlError(
          'kioskctl.unreachable',
          `No se puede contactar con el cajero en ${socketPath}: ${why}.`,
        ),
      );
    });
    req.end();
  });
}
