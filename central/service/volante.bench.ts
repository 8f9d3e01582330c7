/**
 * Volante issuance latency (issue 8, "Benchmark"): each of central's volante routes over
 * mutual TLS on a keep-alive connection, timed from request to answer, which covers the challenge
 * lookup, DNIe certificate path validation, the challenge signature check, an OCSP round trip to the
 * local responder (simulators/ocsp/responder.ts, loopback HTTP, RSA-signed answer), the padrón read, the
 * CMS seal (ECDSA P-256) and the insert of the volante and its access-log row. The challenge request
 * and the citizen's signature (the card's job) are outside the clock. Three figures: the one-call
 * `/v1/citizen/volante`, and the kiosk's own path split in two: `/preview` (everything up to the padrón
 * read, plus the grant) and `/issue` (the grant spent, the document rebuilt, sealed and stored).
 * Target printed beside each: p99 ≤ 50 ms.
 * Runs on PGlite (in process, the demo's engine) and on PostgreSQL when a server is reachable.
 *
 *   node central/service/volante.bench.ts [iterations]     (default 300, after 30 warm-up requests)
 */
import { constants, randomBytes, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { pino } from 'pino';
import { createTestPki, TEST_DNI } from '../../drivers/pki/testing/index.ts';
import { createCitizenAccess, loadSealKey, trustFromCertificates } from '../citizen/index.ts';
import { seedPadron, VILLADEMO } from '../citizen/test-fixtures.ts';
import type { Database } from '../db/index.ts';
import { migrate } from '../db/migrations.ts';
import { openPostgres } from '../db/pg-database.ts';
import { openPglite } from '../db/pglite-database.ts';
import { createScratchDatabase } from '../db/scratch-postgres.ts';
import { startOcspResponder } from '../../simulators/ocsp/index.ts';
import { enrolKiosk } from './admin.ts';
import { createSealCredential } from './kiosk-ca.ts';
import { buildKioskApp } from './server.ts';
import { kioskClient, makeTestPki, testValidity } from './test-support.ts';

const TARGET_P99_MS = 50;
const WARM_UP = 30;
const iterations = Number(process.argv[2] ?? 300);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const dnie = createTestPki(new Date());

async function run(engine: string, db: Database): Promise<void> {
  await migrate(db);
  await seedPadron(db);
  const kioskPki = await makeTestPki();
  const credential = await enrolKiosk(db, kioskPki.material, {
    kioskId: 'KIOSCO-BENCH',
    municipality: VILLADEMO.ineCode,
    now: new Date(),
  });
  const responder = await startOcspResponder({
    issuer: dnie.intermediate.certificate,
    signer: { certificate: dnie.ocspResponder.certificate, privateKey: dnie.keys.ocsp.privateKey },
  });
  const sealCredential = await createSealCredential(VILLADEMO, testValidity());
  const seal = await loadSealKey(sealCredential.certificatePem, sealCredential.keyPem);
  const logger = pino({ level: 'warn' });
  const app = buildKioskApp(
    {
      db,
      logger,
      citizen: createCitizenAccess({
        db,
        logger,
        trust: trustFromCertificates([dnie.root.certificate, dnie.intermediate.certificate]),
        ocspUrl: responder.url,
        ocspTimeoutMs: 2_000,
        ocspFailurePolicy: 'fail-closed',
        challengeTtlMs: 120_000,
        volanteValidityMonths: 3,
        sealOf: () => seal,
        random: (n) => new Uint8Array(randomBytes(n)),
      }),
    },
    {
      certificatePem: kioskPki.server.certificatePem,
      keyPem: kioskPki.server.keyPem,
      kioskCaPem: kioskPki.ca.certificatePem,
    },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const client = kioskClient(
    `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    kioskPki.ca.certificatePem,
    credential,
  );
  const certificate = Buffer.from(dnie.citizen.certificate.der).toString('base64');
  const samples = { 'one call': [] as number[], preview: [] as number[], issue: [] as number[] };
  const timed = async (path: string, body: unknown, into: number[] | undefined) => {
    const started = process.hrtime.bigint();
    const reply = await client.call('POST', path, body);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (reply.status !== 200) throw new Error(`${path} refused: ${reply.text}`);
    into?.push(elapsed);
    return reply.json;
  };
  try {
    for (let i = 0; i < WARM_UP + iterations; i++) {
      const kind = i % 2 === 0 ? 'individual' : 'colectivo';
      const signed = async () => {
        const challenge = await client.call('POST', '/v1/citizen/challenge', { service: `volante.${kind}` });
        const signature = sign('sha256', Buffer.from(challenge.json.challenge, 'base64'), {
          key: dnie.citizenKey.privateKey,
          padding: constants.RSA_PKCS1_PADDING,
        }).toString('base64');
        return { challengeId: challenge.json.challengeId, certificate, signature, kind };
      };
      const warm = i < WARM_UP;
      // The one-call route, and the kiosk's own path: the preview (identification, grant), then the issue.
      const once = await timed('/v1/citizen/volante', await signed(), warm ? undefined : samples['one call']);
      const preview = await timed(
        '/v1/citizen/volante/preview',
        await signed(),
        warm ? undefined : samples.preview,
      );
      const issued = await timed(
        '/v1/citizen/volante/issue',
        { grantId: preview.grantId },
        warm ? undefined : samples.issue,
      );
      for (const answer of [once, issued]) {
        if (!answer.document.personas.some((p: { documento: string | null }) => p.documento === TEST_DNI))
          throw new Error('volante without its titular');
      }
    }
  } finally {
    client.close();
    await app.close();
    await responder.close();
  }
  for (const [route, list] of Object.entries(samples)) {
    list.sort((a, b) => a - b);
    const p50 = percentile(list, 50);
    const p99 = percentile(list, 99);
    const verdict = p99 <= TARGET_P99_MS ? 'met' : 'NOT met';
    console.log(
      `${engine.padEnd(10)} ${route.padEnd(8)} ${String(list.length).padStart(5)} volantes  p50 ${p50.toFixed(1).padStart(6)} ms  ` +
        `p99 ${p99.toFixed(1).padStart(6)} ms  max ${list.at(-1)?.toFixed(1)} ms   target p99 ≤ ${TARGET_P99_MS} ms: ${verdict}`,
    );
  }
  console.log(
    `${engine.padEnd(10)} (OCSP requests answered: ${responder.answered}; load average ${loadavg()[0]?.toFixed(1)})`,
  );
}

console.log(
  `volante issuance latency (individual and colectivo alternating), ${iterations} timed requests per engine`,
);
const pglite = await openPglite();
try {
  await run('pglite', pglite);
} finally {
  await pglite.close();
}
const scratch = await createScratchDatabase('volantebench');
if (scratch === undefined) {
  console.log('postgresql: skipped (no server reachable)');
} else {
  const db = openPostgres({ connectionString: scratch.url, maxConnections: 4 });
  try {
    await run('postgresql', db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}
