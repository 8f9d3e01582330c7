/**
 * The one object the screen talks to: the KioskApi plus whether core is reachable. In Electron the
 * preload exposes `window.kiosk` (IPC, always connected while the window lives); in browser mode the
 * WebSocket client reconnects by itself.
 */
import type { KioskApi } from '../../../core/api/contract.ts';
import { type ConnectionState, createWebSocketKioskApi } from './ws-client.ts';

export interface ScreenApi extends KioskApi {
  readonly state: ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export function connectScreenApi(): ScreenApi {
  const bridged = (window as { kiosk?: KioskApi }).kiosk;
  if (bridged !== undefined) {
    return {
      call: (method, params) => bridged.call(method, params),
      on: (event, listener) => bridged.on(event, listener),
      state: 'open',
      onConnectionChange: () => () => undefined,
    };
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketKioskApi(`${scheme}://${window.location.host}/api`);
}
