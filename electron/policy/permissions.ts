/**
 * Permissions: Electron grants every permission request by default (camera, microphone, geolocation,
 * notifications, HID, serial...). The kiosk's screen needs none: devices are driven by core, never by
 * the page. So every request and every check is refused, and the refusal is logged with what was asked
 * so a technician can see a page that tries.
 */

/** Every permission name Electron 45 may ask about (session.setPermissionRequestHandler docs). */
export const KNOWN_PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
] as const;

export interface PermissionDecision {
  readonly granted: false;
  /** The log record: what was asked, by which origin, and that it was refused. */
  readonly log: { readonly permission: string; readonly origin: string; readonly known: boolean };
}

/** Request (`setPermissionRequestHandler`) or check (`setPermissionCheckHandler`): always refused. */
export function permissionDecision(permission: string, requestingOrigin: string): PermissionDecision {
  return {
    granted: false,
    log: {
      permission,
      origin: requestingOrigin,
      known: (KNOWN_PERMISSIONS as readonly string[]).includes(permission),
    },
  };
}
