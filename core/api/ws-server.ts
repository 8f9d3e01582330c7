/**
 * The KioskApi over a WebSocket, core's side (browser mode). Only pages of this kiosk's own origin
 * may connect: any other local page could otherwise drive the kiosk through the browser.
 */
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import { MAX_MESSAGE_BYTES } from './contract.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { KioskEventHub } from './events.ts';

export const KIOSK_API_PATH = '/api';

export interface WebSocketTransportOptions {
  readonly server: Server;
  readonly dispatch: Dispatcher;
  readonly events: KioskEventHub;
  readonly logger: Logger;
  /** Origins allowed to connect, e.g. `http://127.0.0.1:8080`. */
  readonly allowedOrigins: () => readonly string[];
  /** Told how many screens are connected after each connect and disconnect. */
  readonly onScreens?: (count: number) => void;
}

export function attachWebSocketTransport(options: WebSocketTransportOptions): { close(): Promise<void> } {
  const { logger } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: KIOSK_API_PATH,
    // Messages up to 16× the contract's limit reach the dispatcher and get a typed `too_large`
    // reply; beyond that the socket is closed before the bytes are buffered.
    maxPayload: MAX_MESSAGE_BYTES * 16,
    verifyClient: ({ req }: { req: IncomingMessage }) => {
      const origin = req.headers.origin;
      const allowed = origin !== undefined && options.allowedOrigins().includes(origin);
      if (!allowed) logger.warn({ origin: origin ?? null }, 'kiosk api connection refused: foreign origin');
      return allowed;
    },
  });

  wss.on('connection', (socket) => {
    logger.info({ clients: wss.clients.size }, 'screen connected');
    options.onScreens?.(wss.clients.size);
    const unsubscribe = options.events.subscribe((envelope) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(envelope));
    });
    socket.on('message', (data, isBinary) => {
      const raw = isBinary
        ? new Uint8Array(Buffer.concat(toBuffers(data)))
        : Buffer.concat(toBuffers(data)).toString('utf8');
      void options.dispatch(raw).then((reply) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
      });
    });
    socket.on('error', (error) => logger.warn({ err: error }, 'screen connection error'));
    socket.on('close', () => {
      unsubscribe();
      logger.info({ clients: wss.clients.size }, 'screen disconnected');
      options.onScreens?.(wss.clients.size);
    });
  });

  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

function toBuffers(data: Buffer | ArrayBuffer | Buffer[]): Buffer[] {
  if (Array.isArray(data)) return data;
  return [Buffer.isBuffer(data) ? data : Buffer.from(data)];
}
