/**
 * The client against a real HTTPS server with mutual TLS on loopback (certificates made with openssl at
 * test time), answering as central/README.md "Citizen access and volantes" describes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CentralEndpoint, openCentralConnection } from '../sync/index.ts';
import { CitizenAccessClient } from './citizen-access-client.ts';
import { CitizenAccessError, failureReasonOf } from './errors.ts';

interface Seen {
  route: string;
  body: unknown;
  clientCn: string | undefined;
}
type Reply = { status: number; body: unknown } | 'hang';

let dir: string;
let server: Server;
let port: number;
const seen: Seen[] = [];
let reply: (route: string, body: unknown) => Reply = () => ({ status: 404, body: {} });

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function issue(name: string, ca: string, ext: string): void {
  writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}-key.pem`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}-key.pem`,
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    `${name}.pem`,
    '-extfile',
    `${name}.ext`,
  );
}

function ca(name: string): void {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}-key.pem`,
    '-out',
    `${name}.pem`,
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
  );
}

const file = (name: string) => path.join(dir, name);

function endpoint(client = 'kiosk-1', timeoutMs = 5000): CentralEndpoint {
  return {
    url: `https://127.0.0.1:${port}`,
    caFile: file('ca.pem'),
    certificateFile: file(`${client}.pem`),
    keyFile: file(`${client}-key.pem`),
    timeoutMs,
  };
}

function client(options: { client?: string; timeoutMs?: number } = {}) {
  return new CitizenAccessClient({
    connect: () => openCentralConnection(endpoint(options.client)),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'citizen-access-'));
  ca('ca');
  ca('other-ca');
  issue('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('kiosk-1', 'ca', 'extendedKeyUsage=clientAuth\n');
  issue('stranger', 'other-ca', 'extendedKeyUsage=clientAuth\n');
  server = createServer(
    {
      key: readFileSync(file('server-key.pem')),
      cert: readFileSync(file('server.pem')),
      ca: readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const route = req.url ?? '';
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        const cn = peer.subject?.CN;
        seen.push({ route, body, clientCn: Array.isArray(cn) ? cn.join(',') : cn });
        const answer = reply(route, body);
        if (answer === 'hang') return;
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen.length = 0;
});

const CHALLENGE = Buffer.alloc(32, 0x5a).toString('base64');
const persona = {
  nombre: 'ANA',
  apellido1: 'PRUEBA',
  apellido2: null,
  documento: '00000000T',
  fechaNacimiento: '1990-01-01',
  lugarNacimiento: null,
  nacionalidad: 'España',
  fechaAlta: '2020-01-01',
  motivoAlta: 'Nacimiento',
};
const preview = {
  grantId: 'b'.repeat(32),
  expiresAt: '2026-11-23T10:05:00.000Z',
  kind: 'individual',
  preview: {
    municipio: { codigoIne: '47186', nombre: 'Valladolid' },
    domicilio: { hoja: 3, direccion: 'Calle Mayor 1', codigoPostal: '47001' },
    personas: [persona],
    validezMeses: 3,
  },
};
const csv = 'VAAAABBBBCCCCDDDDEEEEFFFF';
const issued = {
  csv,
  kind: 'individual',
  issuedAt: '2026-11-23T10:00:00.000Z',
  validUntil: '2027-02-23T10:00:00.000Z',
  verificationUrl: `https://sede.example/verificar?csv=${csv}`,
  document: {
    documento: 'volante_empadronamiento',
    clase: 'individual',
    csv,
    municipio: { codigoIne: '47186', nombre: 'Valladolid' },
    expedidoEn: '2026-11-23T10:00:00.000Z',
    validoHasta: '2027-02-23T10:00:00.000Z',
    domicilio: { hoja: 3, direccion: 'Calle Mayor 1', codigoPostal: '47001' },
    personas: [persona],
    urlVerificacion: `https://sede.example/verificar?csv=${csv}`,
  },
  canonical: '{}',
  dataHash: 'c'.repeat(64),
  seal: 'MIIB',
};
const recibo = {
  emisora: '471860',
  referencia: '0000000100',
  identificacion: '1100260100',
  importeCents: 4250,
  fechaLimite: '2026-12-31',
  modalidad: 2,
  tributo: '100',
  ejercicio: 2026,
  barcode: '90521471860000000010018110026010000004250',
  concepto: null,
  paid: false,
};

function central(route: string, body: unknown): Reply {
  switch (route) {
    case '/v1/citizen/challenge':
      return {
        status: 200,
        body: {
          challengeId: 'a'.repeat(32),
          challenge: CHALLENGE,
          service: (body as { service: string }).service,
          expiresAt: '2026-11-23T10:02:00.000Z',
        },
      };
    case '/v1/citizen/volante/preview':
      return { status: 200, body: preview };
    case '/v1/citizen/volante/issue':
      return { status: 200, body: issued };
    case '/v1/citizen/recibos-pendientes':
      return { status: 200, body: { recibos: [recibo] } };
    default:
      return { status: 404, body: { error: { code: 'central.not_found', message: 'no' } } };
  }
}

const proof = {
  challengeId: 'a'.repeat(32),
  certificateDer: new Uint8Array([0x30, 0x82, 0x01, 0x00]),
  signature: new Uint8Array(256).fill(3),
};

async function refusal(run: () => Promise<unknown>): Promise<CitizenAccessError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CitizenAccessError);
  return error as CitizenAccessError;
}

describe('citizen access over mutual TLS', () => {
  it('asks for a challenge with the kiosk certificate and decodes its 32 bytes', async () => {
    reply = central;
    const answer = await client().challenge('volante.colectivo');
    expect(answer.challengeId).toBe('a'.repeat(32));
    expect(answer.challenge).toEqual(new Uint8Array(32).fill(0x5a));
    expect(seen).toEqual([
      { route: '/v1/citizen/challenge', body: { service: 'volante.colectivo' }, clientCn: 'kiosk-1' },
    ]);
  });

  it('sends the proof as base64 for the preview, issues by grant, lists the pending recibos', async () => {
    reply = central;
    const c = client();
    expect(await c.previewVolante(proof, 'individual')).toMatchObject({
      grantId: 'b'.repeat(32),
      preview: { validezMeses: 3 },
    });
    expect(seen[0]).toEqual({
      route: '/v1/citizen/volante/preview',
      body: {
        challengeId: proof.challengeId,
        certificate: Buffer.from(proof.certificateDer).toString('base64'),
        signature: Buffer.from(proof.signature).toString('base64'),
        kind: 'individual',
      },
      clientCn: 'kiosk-1',
    });
    expect(await c.issueVolante('b'.repeat(32))).toMatchObject({
      csv,
      verificationUrl: issued.verificationUrl,
    });
    expect(seen[1]?.body).toEqual({ grantId: 'b'.repeat(32) });
    expect(await c.pendingRecibos(proof)).toEqual([recibo]);
    expect(seen[2]?.body).not.toHaveProperty('kind');
  });

  it("maps central's refusals to the reason the citizen is told", async () => {
    const cases: [number, string, string][] = [
      [404, 'central.persona_unknown', 'persona_no_empadronada'],
      [403, 'central.colectivo_not_allowed', 'colectivo_no_permitido'],
      [403, 'central.citizen_certificate_revoked', 'certificado_rechazado'],
      [403, 'central.citizen_signature_invalid', 'certificado_rechazado'],
      [409, 'central.challenge_expired', 'tiempo_agotado'],
      [409, 'central.grant_expired', 'tiempo_agotado'],
      [409, 'central.grant_used', 'error_interno'],
      [503, 'central.revocation_unavailable', 'servicio_no_disponible'],
      [503, 'central.citizen_access_disabled', 'servicio_no_disponible'],
      [400, 'central.bad_request', 'error_interno'],
    ];
    for (const [status, code, reason] of cases) {
      reply = () => ({ status, body: { error: { code, message: 'x' } } });
      const error = await refusal(() => client().previewVolante(proof, 'colectivo'));
      expect([error.reason, error.centralCode, error.code]).toEqual([reason, code, 'citizen_access.refused']);
    }
    reply = () => ({ status: 502, body: '<html>bad gateway</html>' });
    expect((await refusal(() => client().issueVolante('b'.repeat(32)))).reason).toBe('sin_conexion');
  });

  it('a malformed answer is error_interno, never a crash', async () => {
    const broken: unknown[] = [
      'not json',
      {},
      { ...issued, csv: 'short' },
      { ...issued, document: { ...issued.document, csv: 'VZZZZBBBBCCCCDDDDEEEEFFFF' } },
      { ...issued, document: { ...issued.document, personas: [] } },
      { ...issued, verificationUrl: 'javascript:alert(1)' },
    ];
    for (const body of broken) {
      reply = () => ({ status: 200, body });
      const error = await refusal(() => client().issueVolante('b'.repeat(32)));
      expect([error.code, error.reason]).toEqual(['citizen_access.bad_answer', 'error_interno']);
    }
    reply = () => ({
      status: 200,
      body: {
        challengeId: 'a'.repeat(32),
        challenge: Buffer.alloc(16).toString('base64'),
        service: 'volante.individual',
        expiresAt: '2026-11-23T10:02:00.000Z',
      },
    });
    expect((await refusal(() => client().challenge('volante.individual'))).reason).toBe('error_interno');
  });

  it("carries the municipality's texts of the sealed document and of the preview; refuses garbage there", async () => {
    const textos = {
      avisoPrivacidad: 'Responsable: Ayuntamiento de Valladolid.\nDerechos: Oficina del Padrón.',
      pieVolante: 'Este volante tiene carácter informativo (art. 61 RPDT).',
    };
    const withTextos = { ...issued, document: { ...issued.document, textos } };
    reply = () => ({ status: 200, body: withTextos });
    expect((await client().issueVolante('b'.repeat(32))).document.textos).toEqual(textos);
    reply = () => ({ status: 200, body: { ...preview, preview: { ...preview.preview, textos } } });
    expect((await client().previewVolante(proof, 'individual')).preview.textos).toEqual(textos);
    // An older central sends none: still its protocol.
    reply = () => ({ status: 200, body: issued });
    expect((await client().issueVolante('b'.repeat(32))).document.textos).toBeUndefined();

    const garbage: unknown[] = [
      'aviso',
      { avisoPrivacidad: 42, pieVolante: null },
      { pieVolante: null },
      { avisoPrivacidad: 'x'.repeat(601), pieVolante: null },
      { avisoPrivacidad: 'ok', pieVolante: 'y'.repeat(401) },
      { avisoPrivacidad: 'ok', pieVolante: 'negrita \u001bE1 impresa' },
    ];
    for (const bad of garbage) {
      reply = () => ({ status: 200, body: { ...issued, document: { ...issued.document, textos: bad } } });
      const error = await refusal(() => client().issueVolante('b'.repeat(32)));
      expect([error.code, error.reason]).toEqual(['citizen_access.bad_answer', 'error_interno']);
      reply = () => ({ status: 200, body: { ...preview, preview: { ...preview.preview, textos: bad } } });
      expect((await refusal(() => client().previewVolante(proof, 'individual'))).reason).toBe(
        'error_interno',
      );
    }
  });

  it('any JSON central might send is either its protocol or error_interno', async () => {
    const c = client();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        reply = () => ({ status: 200, body: JSON.stringify(body) });
        const error = await refusal(() => c.pendingRecibos(proof));
        expect(error.reason).toBe('error_interno');
      }),
      { numRuns: 40 },
    );
  });

  it('no answer in time, no server, or a kiosk certificate central does not know: sin_conexion', async () => {
    reply = () => 'hang';
    const started = Date.now();
    const slow = await refusal(() => client({ timeoutMs: 300 }).challenge('recibos.pendientes'));
    expect(slow.reason).toBe('sin_conexion');
    expect(slow.detail).toContain('no answer in 300 ms');
    expect(Date.now() - started).toBeLessThan(3000);

    reply = central;
    const stranger = await refusal(() => client({ client: 'stranger' }).challenge('recibos.pendientes'));
    expect(stranger.reason).toBe('sin_conexion');
    expect(seen).toHaveLength(1); // only the hanging request got through

    const missing = new CitizenAccessClient({
      connect: () => openCentralConnection({ ...endpoint(), keyFile: file('nothing.pem') }),
    });
    expect((await refusal(() => missing.challenge('recibos.pendientes'))).reason).toBe('sin_conexion');

    const closed = new CitizenAccessClient({
      connect: () => openCentralConnection({ ...endpoint(), url: 'https://127.0.0.1:1' }),
    });
    expect((await refusal(() => closed.challenge('recibos.pendientes'))).reason).toBe('sin_conexion');
  });
});

describe('failureReasonOf', () => {
  it("treats unknown codes as the kiosk's mistake, and 5xx without a code as central down", () => {
    expect(failureReasonOf(418, 'central.something_new')).toBe('error_interno');
    expect(failureReasonOf(500, undefined)).toBe('sin_conexion');
    expect(failureReasonOf(503, 'central.seal_unavailable')).toBe('servicio_no_disponible');
  });
});
