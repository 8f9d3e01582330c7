/** The screen's WebSocket client, run in Node with the `ws` package standing in for the browser's. */
import { WebSocket as NodeWebSocket } from 'ws';
import { createWebSocketKioskApi, type WebSocketKioskApi } from '../../renderer/src/api/ws-client.ts';

export function connectScreen(origin: string, options: { callTimeoutMs?: number } = {}): WebSocketKioskApi {
  const url = `${origin.replace('http://', 'ws://')}/api`;
  return createWebSocketKioskApi(url, {
    ...options,
    reconnectDelaysMs: [50],
    open: (u) => new NodeWebSocket(u, { origin }) as unknown as WebSocket,
  });
}

export function waitOpen(api: WebSocketKioskApi): Promise<void> {
  if (api.state === 'open') return Promise.resolve();
  return new Promise((resolve) => {
    const off = api.onConnectionChange((state) => {
      if (state === 'open') {
        off();
        resolve();
      }
    });
  });
}

/** Sends one raw frame and returns the first frame answered. */
export function rawExchange(origin: string, frame: string | Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new NodeWebSocket(`${origin.replace('http://', 'ws://')}/api`, { origin });
    socket.once('open', () => socket.send(frame));
    socket.once('message', (data) => {
      socket.close();
      resolve(JSON.parse(String(data)));
    });
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed with ${code} before answering`)));
  });
}
