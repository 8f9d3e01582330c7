// electron-builder `afterPack` hook: flips Electron's fuses on the packed binary, before the AppImage
// and deb are made (docs/electron-lockdown.md §4). CommonJS because electron-builder `require`s hooks.
//
// Needs the dev dependency @electron/fuses. Check the result on the built binary with
//   npx @electron/fuses read --app build/dist/linux-unpacked/cajero
'use strict';
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuses of the kiosk, named so the test of this file and the docs can list them. */
const KIOSK_FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the kiosk binary into a plain Node for anyone with a shell.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS from the environment are ignored.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect* and SIGUSR1 no longer open a debugger.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Enforced only on macOS and Windows; harmless on Linux, where integrity comes from the OS
  // (root-owned, read-only /opt/cajero; see docs/provisioning.md).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // No side-loaded `resources/app/` folder: only app.asar is ever loaded.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The screen is served from cajero://app/, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // One-way; with no desktop keyring Chromium falls back to a fixed key, so little real protection.
  [FuseV1Options.EnableCookieEncryption]: true,
};

async function afterPack(context) {
  const { appOutDir, packager, electronPlatformName } = context;
  if (electronPlatformName !== 'linux') {
    throw new Error(`cajero is packaged for Linux only, not ${electronPlatformName}`);
  }
  const binary = path.join(appOutDir, packager.executableName || packager.appInfo.productFilename);
  await flipFuses(binary, { version: FuseVersion.V1, ...KIOSK_FUSES });
  console.log(`fuses flipped on ${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.KIOSK_FUSES = KIOSK_FUSES;
