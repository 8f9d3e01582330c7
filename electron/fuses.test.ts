/**
 * The afterPack hook, run with a stand-in for @electron/fuses (not installed here: the real flip
 * happens on the build machine, docs/provisioning.md). Checks which binary it flips and to what.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

interface FlipCall {
  readonly binary: string;
  readonly config: Record<string, unknown>;
}

function loadHook() {
  const calls: FlipCall[] = [];
  const fuses = {
    FuseVersion: { V1: '1' },
    // The stand-in's option values are their names, so the assertions read as the docs do.
    FuseV1Options: Object.fromEntries(
      [
        'RunAsNode',
        'EnableCookieEncryption',
        'EnableNodeOptionsEnvironmentVariable',
        'EnableNodeCliInspectArguments',
        'EnableEmbeddedAsarIntegrityValidation',
        'OnlyLoadAppFromAsar',
        'LoadBrowserProcessSpecificV8Snapshot',
        'GrantFileProtocolExtraPrivileges',
      ].map((name) => [name, name]),
    ),
    flipFuses: async (binary: string, config: Record<string, unknown>) => {
      calls.push({ binary, config });
    },
  };
  const nodeRequire = createRequire(import.meta.url);
  const module = { exports: {} as Record<string, unknown> };
  const source = readFileSync(path.join(import.meta.dirname, 'fuses.cjs'), 'utf8');
  vm.runInNewContext(source, {
    module,
    exports: module.exports,
    console: { log: () => undefined },
    require: (id: string) => (id === '@electron/fuses' ? fuses : nodeRequire(id)),
  });
  return {
    hook: module.exports as unknown as ((context: unknown) => Promise<void>) & Record<string, unknown>,
    calls,
  };
}

describe('electron/fuses.cjs (afterPack)', () => {
  it('flips the kiosk fuses on the packed Linux binary', async () => {
    const { hook, calls } = loadHook();
    await hook({
      appOutDir: '/build/dist/linux-unpacked',
      electronPlatformName: 'linux',
      packager: { executableName: 'cajero', appInfo: { productFilename: 'Cajero' } },
    });
    expect(calls).toEqual([
      {
        binary: '/build/dist/linux-unpacked/cajero',
        config: {
          version: '1',
          RunAsNode: false,
          EnableNodeOptionsEnvironmentVariable: false,
          EnableNodeCliInspectArguments: false,
          EnableEmbeddedAsarIntegrityValidation: true,
          OnlyLoadAppFromAsar: true,
          GrantFileProtocolExtraPrivileges: false,
          EnableCookieEncryption: true,
        },
      },
    ]);
    expect(hook.default).toBe(hook);
  });

  it('refuses to package for another platform', async () => {
    const { hook, calls } = loadHook();
    await expect(
      hook({ appOutDir: '/x', electronPlatformName: 'win32', packager: { executableName: 'cajero' } }),
    ).rejects.toThrow(/Linux only/);
    expect(calls).toEqual([]);
  });
});
