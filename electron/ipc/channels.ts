/**
 * The two IPC channels of the KioskApi in Electron. Calls go screen → core with `invoke` (one reply
 * each); events go core → screen with `webContents.send`. Nothing else crosses the bridge.
 */
export const KIOSK_CALL_CHANNEL = 'kiosk:call';
export const KIOSK_EVENT_CHANNEL = 'kiosk:event';
