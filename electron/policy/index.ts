/** The shell's decisions, as pure code: Electron calls around them are a few lines in electron/*.ts. */
export { APP_HOST, APP_ORIGIN, APP_SCHEME, APP_START_URL, isAppUrl, originOf } from './app-origin.ts';
export { type IpcSender, ipcSenderVerdict, type SenderVerdict } from './ipc-sender.ts';
export {
  mayLoadUrl,
  type NavigationDecision,
  type NavigationKind,
  navigationDecision,
  urlForLog,
  windowOpenDecision,
} from './navigation.ts';
export { KNOWN_PERMISSIONS, type PermissionDecision, permissionDecision } from './permissions.ts';
export {
  DEFAULT_RELAUNCH_POLICY,
  type FailureAction,
  failureAction,
  isSupervised,
  type RelaunchDecision,
  type RelaunchPolicy,
  relaunchDecision,
  rendererReloadDelayMs,
} from './relaunch.ts';
export { type KeyInput, type ShortcutVerdict, shortcutVerdict } from './shortcuts.ts';
export { APP_CONTENT_TYPES, type AppFileRequest, resolveAppFile } from './static-file.ts';
