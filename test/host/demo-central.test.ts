/**
 * The demo's virtual DNIe and embedded central as `./cajero start` plans them (core/host
 * companion-processes), run as the real programs on free ports: the simulator writes its anchors and
 * people before its page answers and serves OCSP for its CA; central is prepared with those people and a
 * seal, starts with citizenAccess on the simulator's anchors and OCSP, and answers the citizen routes.
 * The positive path with a card's key is central/padron/demo-personas.test.ts (the keys stay in the
 * simulator's memory); the kiosk's end-to-end run goes through pcscd. No vpcd: the card stays out.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../central/db/pglite-database.ts';
import { kioskClient } from '../../central/service/test-support.ts';
import {
  DNIE_DEMO_OCSP_PORT,
  dnieDemoFiles,
  planDnieSimulator,
  planEmbeddedCentral,
} from '../../core/host/companion-processes.ts';
import {
  buildOcspRequest,
  type CitizenCertificate,
  checkOcspResponse,
  parseCertificate,
} from '../../drivers/pki/index.ts';
import { DEMO_CONFIG_FILE, loadKioskConfig, parseKioskConfigText } from '../../kiosk-config/index.ts';
import { demoConfigText } from '../support/test-host.ts';

const REPOSITORY = path.resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'cajero-demo-central-'));
const dataDir = path.join(dir, 'data');
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a program and resolves with its output once `ready` matches it. */
function start(script: string, args: readonly string[], ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, [path.join(REPOSITORY, script), ...args], { cwd: REPOSITORY });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${script} not ready:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

function run(script: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPOSITORY, script), ...args], { cwd: REPOSITORY });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} ${args.join(' ')} → ${code}:\n${output}`)),
    );
  });
}

let publicPort: number;
let ocspUrl: string;
let files: ReturnType<typeof dnieDemoFiles>;
let centralPlan: NonNullable<ReturnType<typeof planEmbeddedCentral>>;

beforeAll(async () => {
  publicPort = await freePort();
  const config = parseKioskConfigText(
    demoConfigText((c) => {
      c.municipality.verificationUrl = `http://127.0.0.1:${publicPort}/verificar`;
    }),
    path.join(dir, 'kiosk.json'),
  ).config;
  files = dnieDemoFiles(dataDir);
  const dnie = planDnieSimulator(config, dataDir)!;
  const [pagePort, ocspPort] = [await freePort(), await freePort()];
  const dnieArgs = dnie.args.map((arg, i) =>
    dnie.args[i - 1] === '--http' ? String(pagePort) : dnie.args[i - 1] === '--ocsp' ? String(ocspPort) : arg,
  );
  const output = await start(dnie.script, dnieArgs, /demo page: http/);
  ocspUrl = /ocsp responder: (http:\S+)/.exec(output)![1]!;
  centralPlan = planEmbeddedCentral(config, dataDir)!;
  // The plan's central.json points at the demo's fixed OCSP port; here the simulator is on a free one.
  const configFile = centralPlan.args[centralPlan.args.indexOf('--config') + 1]!;
  const centralJson = JSON.parse(readFileSync(configFile, 'utf8'));
  centralJson.citizenAccess.ocspUrl = ocspUrl;
  writeFileSync(configFile, JSON.stringify(centralJson));
  for (const [script, ...args] of centralPlan.prepare!.steps) {
    // A smaller padrón than the demo's 3,000: the same steps, less time on shared cores.
    await run(
      script!,
      args.map((arg, i) => (args[i - 1] === '--people' ? '300' : arg)),
    );
  }
}, 240_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo plans', () => {
  it('wire the simulator’s files and OCSP into central and the kiosk configuration', async () => {
    const demo = await loadKioskConfig(DEMO_CONFIG_FILE);
    const demoData = path.resolve(demo.baseDir, demo.config.dataDir);
    const plan = planDnieSimulator(demo.config, demoData)!;
    const demoFiles = dnieDemoFiles(demoData);
    const argAfter = (flag: string) => plan.args[plan.args.indexOf(flag) + 1];
    expect(argAfter('--ocsp')).toBe(String(DNIE_DEMO_OCSP_PORT));
    expect(argAfter('--write-anchors')).toBe(demoFiles.anchorsDir);
    expect(argAfter('--write-personas')).toBe(demoFiles.personas);
    expect(demo.config.devices.cardReader.trustAnchorsDir).toBe(demoFiles.anchorsDir);
    expect(plan.note).not.toContain('debe apuntar');
    const steps = centralPlan.prepare!.steps;
    expect(steps[0]!.slice(steps[0]!.indexOf('--personas'))).toEqual(['--personas', files.personas]);
    expect(steps.at(-1)).toEqual(expect.arrayContaining(['seal', '--municipality', '47186']));
  });
});

describe('the virtual DNIe and the embedded central of the demo', { timeout: 60_000 }, () => {
  it('wrote the run’s CA certificates (public parts) and its people before its page answered', () => {
    const certificates = ['ac-raiz-dnie.pem', 'ac-dnie-004.pem'].map((name) => {
      const text = readFileSync(path.join(files.anchorsDir, name), 'utf8');
      expect(text).not.toContain('PRIVATE');
      return parseCertificate(text);
    });
    expect(certificates.map((c) => c.subject.text)).toEqual([
      expect.stringContaining('AC RAIZ DNIE'),
      expect.stringContaining('AC DNIE 004'),
    ]);
    const people = JSON.parse(readFileSync(files.personas, 'utf8')) as { dni: string }[];
    expect(people.map((p) => p.dni)).toEqual(['99999002Q', '99999003V']);
    expect(existsSync(files.terminalConfig)).toBe(true);
  });

  it('answers OCSP for its CA: the revoked persona revoked, the others good', async () => {
    const issuer = parseCertificate(readFileSync(path.join(files.anchorsDir, 'ac-dnie-004.pem'), 'utf8'));
    // A certificate of this CA by serial number: the cards themselves stay in the simulator.
    const cardOf = (serial: number) =>
      ({
        serialNumber: serial.toString(16),
        asn1: { issuer: issuer.asn1.subject, serialNumber: new asn1js.Integer({ value: serial }) },
      }) as unknown as CitizenCertificate;
    const status = async (serial: number) => {
      const nonce = new Uint8Array(randomBytes(16));
      const certificate = cardOf(serial);
      const response = await fetch(ocspUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: buildOcspRequest({ certificate, issuer, nonce }),
      });
      return checkOcspResponse({
        response: new Uint8Array(await response.arrayBuffer()),
        certificate,
        issuer,
        at: new Date(),
        nonce,
        requireNonce: true,
      }).revocation.status;
    };
    // personaSerials: 0x1000 + 0x10 × the persona's place in PERSONAS + 1 (adult 0, revoked 5, minor 7).
    expect(await status(0x1001)).toBe('good');
    expect(await status(0x1051)).toBe('revoked');
    expect(await status(0x1071)).toBe('good');
  });

  it('prepared central: the DNIe’s people in one household of the padrón, with pending recibos', async () => {
    const db = await openPglite({ dataDir: path.join(dataDir, 'central', 'db') });
    try {
      const people = await db.query<{ documento: string; nombre: string; hoja: number; recibos: number }>(
        `SELECT p.documento, p.nombre, d.hoja,
                (SELECT count(*)::int FROM recibos_pendientes r WHERE r.persona_id = p.id) AS recibos
           FROM personas p JOIN inscripciones i ON i.persona_id = p.id AND i.fecha_baja IS NULL
           JOIN domicilios d ON d.id = i.domicilio_id
          WHERE p.documento IN ('99999002Q', '99999003V') ORDER BY p.documento`,
      );
      expect(people.rows.map((r) => [r.documento, r.nombre, r.recibos])).toEqual([
        ['99999002Q', 'María', 3],
        ['99999003V', 'Lucía', 2],
      ]);
      expect(people.rows[0]!.hoja).toBe(people.rows[1]!.hoja);
      const household = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inscripciones i JOIN domicilios d ON d.id = i.domicilio_id
          WHERE d.hoja = $1 AND i.fecha_baja IS NULL`,
        [people.rows[0]!.hoja],
      );
      expect(household.rows[0]!.n).toBeGreaterThanOrEqual(4);
    } finally {
      await db.close();
    }
    expect(existsSync(path.join(dataDir, 'central', 'pki', 'seal-47186.pem'))).toBe(true);
  });

  it('central starts with citizen access on: challenges, and a card that is not the simulator’s refused', async () => {
    await start(centralPlan.script, centralPlan.args, /verification page at/);
    const centralDir = path.join(dataDir, 'central');
    const credential = {
      certificatePem: readFileSync(path.join(centralDir, 'kiosk-credential', 'DEMO-001.pem'), 'utf8'),
      keyPem: readFileSync(path.join(centralDir, 'kiosk-credential', 'DEMO-001-key.pem'), 'utf8'),
      fingerprint: '',
    };
    const kiosk = kioskClient(
      `https://127.0.0.1:${publicPort + 1}`,
      readFileSync(path.join(centralDir, 'pki', 'ca.pem'), 'utf8'),
      credential,
    );
    try {
      const challenge = await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.individual' });
      expect(challenge.status).toBe(200);
      const json = challenge.json as { challengeId: string };
      // The kiosk's own certificate is no DNIe: refused by the path check against the loaded anchors
      // (citizen_access_disabled, 503, would mean central started without citizenAccess).
      const der = Buffer.from(credential.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      const reply = await kiosk.call('POST', '/v1/citizen/volante', {
        challengeId: json.challengeId,
        certificate: der.toString('base64'),
        signature: Buffer.alloc(256, 1).toString('base64'),
        kind: 'individual',
      });
      expect(reply.json).toMatchObject({ error: { code: 'central.citizen_certificate_invalid' } });
    } finally {
      kiosk.close();
    }
  });
});
