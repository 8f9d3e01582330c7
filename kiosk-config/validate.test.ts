import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE, KioskConfigError, loadKioskConfig, parseKioskConfigText } from './load.ts';
import { formatConfigProblem, validateKioskConfig } from './validate.ts';

const examplesDir = path.join(import.meta.dirname, 'examples');
const exampleFiles = [DEMO_CONFIG_FILE, ...readdirSync(examplesDir).map((f) => path.join(examplesDir, f))];
const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, unknown>;

function problemsOf(raw: unknown): string[] {
  const result = validateKioskConfig(raw);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems.map(formatConfigProblem);
}

// biome-ignore lint/suspicious/noExplicitAny: the test edits raw configuration JSON into any shape
type RawConfig = any;

function withChange(change: (config: RawConfig) => void): unknown {
  const copy = structuredClone(demo);
  change(copy);
  return copy;
}

describe('kiosk configuration', () => {
  it.each(exampleFiles)('accepts the shipped configuration %s', async (file) => {
    const loaded = await loadKioskConfig(file);
    expect(loaded.config.kioskId).toMatch(/^[A-Z0-9-]+$/);
    expect(loaded.config.languages.available).toContain(loaded.config.languages.default);
  });

  it('ships a city street kiosk and a kiosk hosted by a Diputación', async () => {
    const configs = await Promise.all(exampleFiles.slice(1).map(loadKioskConfig));
    expect(configs.length).toBeGreaterThanOrEqual(2);
    expect(configs.some((c) => c.config.municipality.hostedBy?.startsWith('Diputación'))).toBe(true);
    expect(configs.every((c) => c.config.central.mode === 'remote')).toBe(true);
  });

  it('fills defaults for what a file leaves out', () => {
    const result = validateKioskConfig(
      withChange((c) => {
        delete c.screen;
        delete c.accessibility;
        delete c.browserMode;
      }),
    );
    expect(result.ok && result.config.screen).toEqual({
      idleTimeoutSeconds: 90,
      timeoutWarningSeconds: 20,
      goodbyeSeconds: 10,
      pinPadLayout: 'fixed',
    });
    expect(result.ok && result.config.browserMode).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(result.ok && result.config.accessibility.speech.enabled).toBe(true);
  });

  it('names the field path, the value and what is expected, one line each', () => {
    const lines = problemsOf(
      withChange((c) => {
        c.devices.printer.paperWidthMm = 70;
        c.devices.paymentTerminal.connection = { transport: 'bluetooth' };
        c.municipality.ineCode = '4718';
        c.offline.maxPayments = -1;
        c.languages.default = 'fr';
        c.colour = 'blue';
        delete c.name;
      }),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'devices.printer.paperWidthMm: valor 70; se espera uno de 58 o 80',
        'devices.paymentTerminal.connection.transport: valor "bluetooth"; se espera uno de "serial", "tcp" o "hid"',
        'municipality.ineCode: valor "4718"; se espera cinco cifras (código INE: provincia + municipio)',
        'offline.maxPayments: valor -1; se espera un número mayor o igual que 0',
        'languages.default: valor "fr"; se espera uno de "es", "ca", "gl", "eu" o "en"',
        'colour: campo desconocido; se espera que se quite o se corrija su nombre',
        'name: falta; se espera un texto',
      ]),
    );
    expect(lines).toHaveLength(7);
  });

  it('checks rules across fields', () => {
    expect(problemsOf(withChange((c) => (c.languages = { default: 'eu', available: ['es', 'ca'] })))).toEqual(
      [
        'languages.default: valor {"default":"eu","available":["es","ca"]}; se espera uno de los idiomas de available',
      ],
    );
    expect(problemsOf(withChange((c) => (c.screen.timeoutWarningSeconds = 90)))[0]).toMatch(
      /^screen.timeoutWarningSeconds: .*aviso más corto que idleTimeoutSeconds$/,
    );
    expect(problemsOf(withChange((c) => (c.devices.cardReader.readerNamePattern = '(unclosed')))).toEqual([
      'devices.cardReader.readerNamePattern: valor "(unclosed"; se espera una expresión regular válida',
    ]);
  });

  it('refuses secrets in the file without repeating them, and says to give a path', () => {
    const secret = 'hunter2-very-secret';
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEv...';
    const lines = problemsOf(
      withChange((c) => {
        c.central = { mode: 'remote', url: 'https://c.example', clientKey: secret };
        c.technician.accessCode = '1234';
        c.devices.cardReader.terminalConfigFile = pem;
      }),
    );
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).not.toContain('MIIEv');
    expect(lines[0]).toBe(
      'devices.cardReader.terminalConfigFile: un certificado o una clave en el texto; se espera la ruta de un fichero legible solo por el usuario del cajero (por ejemplo terminalConfigFile), nunca el secreto',
    );
    expect(lines).toContain(
      'central.clientKey: un secreto en el fichero; se espera la ruta de un fichero legible solo por el usuario del cajero (por ejemplo clientKeyFile), nunca el secreto',
    );
  });

  it('keeps the screen on loopback', () => {
    expect(problemsOf(withChange((c) => (c.browserMode.host = '0.0.0.0')))[0]).toMatch(
      /^browserMode.host: valor "0.0.0.0"/,
    );
  });

  it('reports unreadable and malformed files as configuration errors', async () => {
    await expect(loadKioskConfig('/nonexistent/kiosk.json')).rejects.toThrow(KioskConfigError);
    const error = (await loadKioskConfig('/nonexistent/kiosk.json').catch(
      (e: unknown) => e,
    )) as KioskConfigError;
    expect(error.lines()).toEqual([
      '(raíz): el fichero no existe; se espera un fichero de configuración legible',
    ]);
    expect(() => parseKioskConfigText('{"kioskId": }', 'k.json')).toThrow(/no es JSON válido/);
  });

  it('never throws on any JSON value, and every refusal has at least one line (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateKioskConfig(value);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never throws on a mutated demo configuration (property)', () => {
    const paths = [
      'kioskId',
      'devices',
      'offline',
      'screen',
      'central',
      'languages',
      'municipality',
      'simulators',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (key, value) => {
        const result = validateKioskConfig({ ...demo, [key]: value });
        for (const line of result.ok ? [] : result.problems.map(formatConfigProblem)) {
          expect(line).not.toContain('\n');
          expect(line).toMatch(/^\S.*: .+; se espera .+$/);
        }
      }),
    );
  });
});
