import { describe, expect, it } from 'vitest';
import { importSpecifiers } from './imports.ts';
import { checkLayering } from './rules.ts';
import { REPOSITORY_ROOT, scanRepository } from './scan.ts';

const file = (path: string, source: string) => ({ path, specifiers: importSpecifiers(source) });

describe('layering check', () => {
  it('finds no import across the allowed directions in this repository', () => {
    const files = scanRepository(REPOSITORY_ROOT);
    expect(files.length).toBeGreaterThan(20);
    expect(checkLayering(files)).toEqual([]);
  });

  it('refuses Electron and React below electron/ and renderer/', () => {
    const violations = checkLayering([
      file('core/a.ts', "import { app } from 'electron';"),
      file('drivers/printer/b.ts', "import React from 'react';"),
      file('simulators/c.ts', "const e = require('electron');"),
      file('central/d.ts', "export { useState } from 'react';"),
      file('electron/main.ts', "import { app } from 'electron';"),
      file('renderer/src/App.tsx', "import { useState } from 'react';"),
    ]);
    expect(violations.map((v) => v.file)).toEqual([
      'core/a.ts',
      'drivers/printer/b.ts',
      'simulators/c.ts',
      'central/d.ts',
    ]);
  });

  it('lets the renderer import only the contract from core, and no Node built-in', () => {
    const violations = checkLayering([
      file('renderer/src/App.tsx', "import type { KioskApi } from '../../core/api/contract.ts';"),
      file('renderer/src/x.ts', "import { KioskCore } from '../../core/kiosk-core.ts';"),
      file('renderer/src/y.ts', "import fs from 'node:fs';"),
      file('renderer/src/z.ts', "import { readFile } from 'fs/promises';"),
      file('renderer/src/w.ts', "const m = await import('../../drivers/printer/index.ts');"),
    ]);
    expect(violations.map((v) => v.file)).toEqual([
      'renderer/src/x.ts',
      'renderer/src/y.ts',
      'renderer/src/z.ts',
      'renderer/src/w.ts',
    ]);
  });

  it('keeps simulators away from the drivers they check, and drivers away from core', () => {
    const violations = checkLayering([
      file('simulators/payment/sim.ts', "import { crc } from '../../drivers/payment/zvt/crc.ts';"),
      file('simulators/payment/sim2.ts', "import { x } from './own-crc.ts';"),
      file('drivers/pcsc/t.ts', "import { KioskCore } from '../../core/kiosk-core.ts';"),
      file('drivers/pcsc/u.ts', "import { KioskError } from '../common/kiosk-error.ts';"),
      file('core/k.ts', "import { Printer } from '../drivers/printer/index.ts';"),
    ]);
    expect(violations).toEqual([
      {
        file: 'simulators/payment/sim.ts',
        specifier: '../../drivers/payment/zvt/crc.ts',
        rule: 'a simulator never imports the driver it checks',
      },
      {
        file: 'drivers/pcsc/t.ts',
        specifier: '../../core/kiosk-core.ts',
        rule: 'drivers/ may not import core/',
      },
    ]);
  });

  it('lets test files only use the driver as checker in simulators, and the simulators in central', () => {
    const violations = checkLayering([
      file(
        'simulators/ocsp/responder.test.ts',
        "import { checkOcspResponse } from '../../drivers/pki/index.ts';",
      ),
      file('simulators/ocsp/responder.ts', "import { parseOcspRequest } from '../../drivers/pki/index.ts';"),
      file('simulators/dnie/x.test.ts', "import { DnieSession } from '../../drivers/dnie/index.ts';"),
      file(
        'central/citizen/citizen.test.ts',
        "import { startOcspResponder } from '../../simulators/ocsp/index.ts';",
      ),
      file(
        'central/citizen/test-fixtures.ts',
        "import { createPersona } from '../../simulators/dnie/index.ts';",
      ),
      file(
        'central/service/volante.bench.ts',
        "import { startOcspResponder } from '../../simulators/ocsp/index.ts';",
      ),
      file(
        'central/citizen/access.ts',
        "import { startOcspResponder } from '../../simulators/ocsp/index.ts';",
      ),
      file(
        'central/citizen/test-harness.ts',
        "import { startOcspResponder } from '../../simulators/ocsp/index.ts';",
      ),
      file(
        'simulators/dnie/pki/test-pki.ts',
        "import { parseCertificate } from '../../../drivers/pki/index.ts';",
      ),
    ]);
    expect(violations.map((v) => v.file)).toEqual([
      'simulators/ocsp/responder.ts',
      'simulators/dnie/x.test.ts',
      'central/citizen/access.ts',
      'simulators/dnie/pki/test-pki.ts',
    ]);
  });

  it('reads type-only, side-effect, multi-line and dynamic imports, and ignores comments', () => {
    const source = `
      import type { A } from './a.ts';
      import {
        B,
        C,
      } from "./b.ts";
      import './styles.css';
      export * from './c.ts';
      const d = await import('./d.ts');
      // import { e } from 'electron';
      /* import { f } from 'react'; */
      const url = 'http://example.org'; // not a comment start inside a URL
    `;
    expect(importSpecifiers(source).sort()).toEqual(['./a.ts', './b.ts', './c.ts', './d.ts', './styles.css']);
  });
});
