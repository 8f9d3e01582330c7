/** The KioskApi over Electron IPC as plain code: main side, preload side, and an in-memory pair for tests. */
export { bridgeableKioskApi, type BridgedKioskApiError, toBridgedError } from './bridge.ts';
export { KIOSK_CALL_CHANNEL, KIOSK_EVENT_CHANNEL } from './channels.ts';
export { IpcSenderRefusedError } from './ipc-errors.ts';
export type { MainIpc, RendererIpc, ScreenTarget } from './ipc-ports.ts';
export { attachIpcTransport, type IpcTransport, type IpcTransportOptions } from './main-transport.ts';
export { createMemoryIpcPair, type MemoryIpcPair } from './memory-ipc.ts';
export { createIpcKioskApi, type IpcKioskApi, type IpcKioskApiOptions } from './renderer-client.ts';
