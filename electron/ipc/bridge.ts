/**
 * What the preload hands to `contextBridge.exposeInMainWorld`. The bridge copies values between the
 * preload's world and the page's: functions and promises are proxied, but an Error loses every custom
 * property on the way (Electron context-bridge docs, "Parameter / Error / Return Type support"), so a
 * `KioskApiError`'s `code` would not reach the screen. Rejections therefore cross as plain objects of
 * the same shape (`name`, `code`, `message`, `fields`), which the bridge copies whole.
 *
 * Exactly two functions, no channel names, no `ipcRenderer`.
 */
import type { ApiErrorCode, KioskApi, KioskCallName, KioskEventName } from '../../core/api/contract.ts';
import { KioskApiError } from '../../core/api/contract.ts';

export interface BridgedKioskApiError {
  readonly name: 'KioskApiError';
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly fields?: readonly string[];
}

export function toBridgedError(error: unknown): BridgedKioskApiError {
  if (error instanceof KioskApiError) {
    return error.fields === undefined
      ? { name: 'KioskApiError', code: error.code, message: error.message }
      : { name: 'KioskApiError', code: error.code, message: error.message, fields: [...error.fields] };
  }
  return { name: 'KioskApiError', code: 'internal', message: 'unexpected failure in the preload' };
}

export function bridgeableKioskApi(api: KioskApi): KioskApi {
  return Object.freeze({
    call: ((method: KioskCallName, params: never) =>
      api
        .call(method, params)
        .catch((error: unknown) => Promise.reject(toBridgedError(error)))) as KioskApi['call'],
    on: ((event: KioskEventName, listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return api.on(event, listener as Parameters<KioskApi['on']>[1]);
    }) as KioskApi['on'],
  });
}
