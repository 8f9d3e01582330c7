/**
 * The Electron calls that apply the lockdown policies (electron/policy): a few lines each, so the
 * decisions stay testable without Electron.
 */
import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/log/logger.ts';
import {
  navigationDecision,
  permissionDecision,
  shortcutVerdict,
  urlForLog,
  windowOpenDecision,
} from './policy/index.ts';

/** Every permission request and check refused, every device chooser cancelled (electron-lockdown.md §1). */
export function hardenSession(ses: Session, logger: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const decision = permissionDecision(permission, urlForLog(details.requestingUrl));
    logger.warn(decision.log, 'permission request refused');
    callback(decision.granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    const decision = permissionDecision(permission, requestingOrigin);
    logger.debug(decision.log, 'permission check refused');
    return decision.granted;
  });
  ses.setDevicePermissionHandler((details) => {
    logger.warn({ deviceType: details.deviceType, origin: details.origin }, 'device permission refused');
    return false;
  });
  ses.setDisplayMediaRequestHandler((_request, callback) => {
    logger.warn({}, 'screen capture request refused');
    callback(null);
  });
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('will-download', (event) => {
    logger.warn({}, 'download refused');
    event.preventDefault();
  });
  // Chromium would fetch hunspell dictionaries from a Google CDN; spellcheck is off and this URL is dead.
  ses.setSpellCheckerDictionaryDownloadURL('http://127.0.0.1:9/');
}

/** For every web contents the app creates: no navigation, no new window, no webview. */
export function hardenWebContents(contents: WebContents, logger: Logger): void {
  const refuse = (
    kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    url: string,
    prevent: () => void,
  ) => {
    const decision = navigationDecision(kind, url);
    if (!decision.allow) {
      prevent();
      logger.warn({ kind, url: urlForLog(url), reason: decision.reason }, 'navigation refused');
    }
  };
  contents.on('will-navigate', (event) => refuse('will-navigate', event.url, () => event.preventDefault()));
  contents.on('will-frame-navigate', (event) =>
    refuse('will-frame-navigate', event.url, () => event.preventDefault()),
  );
  contents.on('will-redirect', (event) => refuse('will-redirect', event.url, () => event.preventDefault()));
  contents.on('will-attach-webview', (event, _prefs, params) => {
    event.preventDefault();
    logger.warn({ url: urlForLog(params.src ?? '') }, 'webview refused');
  });
  contents.setWindowOpenHandler((details) => {
    logger.warn({ url: urlForLog(details.url) }, 'new window refused');
    return windowOpenDecision();
  });
}

/** Keyboard: devtools, reload, zoom, close, full screen... swallowed before the page or Chromium sees them. */
export function guardKeyboard(contents: WebContents, logger: Logger): void {
  contents.on('before-input-event', (event, input) => {
    const verdict = shortcutVerdict(input);
    if (verdict.swallow) {
      event.preventDefault();
      if (input.type === 'keyDown')
        logger.debug({ key: input.key, reason: verdict.reason }, 'shortcut swallowed');
    }
  });
  // Page zoom by Ctrl+wheel or pinch stays at 100 %.
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('devtools-opened', () => contents.closeDevTools());
}
