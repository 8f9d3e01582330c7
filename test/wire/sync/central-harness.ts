/**
 * A real central for the sync client's wire tests: PGlite in memory, migrated, one municipality, the
 * kiosk listener on 127.0.0.1 port 0 with a PKI made at test time, and kiosks enrolled with their
 * credential files written where a kiosk configuration would name them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type Database, migrate, openPglite } from '../../../central/db/index.ts';
import { ensureMunicipality } from '../../../central/padron/loader.ts';
import {
  buildKioskApp,
  enrolKiosk,
  revokeKiosk,
  writeKioskCredential,
} from '../../../central/service/index.ts';
import { makeTestPki, type TestPki } from '../../../central/service/test-support.ts';
import type { CentralEndpoint } from '../../../core/sync/index.ts';

export const VILLADEMO = {
  ineCode: '47186',
  name: 'Ayuntamiento de Villademo',
  verificationUrl: 'https://sede.villademo.example/verificar',
};

export class CentralHarness {
  readonly db: Database;
  readonly pki: TestPki;
  readonly dir: string;
  #app: FastifyInstance<HttpsServer> | undefined;
  #port = 0;

  private constructor(db: Database, pki: TestPki, dir: string) {
    this.db = db;
    this.pki = pki;
    this.dir = dir;
  }

  static async create(): Promise<CentralHarness> {
    const db = await openPglite();
    await migrate(db);
    await ensureMunicipality(db, VILLADEMO);
    const pki = await makeTestPki();
    const dir = mkdtempSync(path.join(tmpdir(), 'cajero-sync-central-'));
    writeFileSync(path.join(dir, 'ca.pem'), pki.ca.certificatePem);
    const harness = new CentralHarness(db, pki, dir);
    await harness.start();
    return harness;
  }

  get port(): number {
    return this.#port;
  }

  /** Starts the kiosk listener, on the port it had before when it was stopped (central back). */
  async start(): Promise<void> {
    const app = buildKioskApp(
      { db: this.db, logger: pino({ level: 'silent' }), maxBatchEvents: 200 },
      {
        certificatePem: this.pki.server.certificatePem,
        keyPem: this.pki.server.keyPem,
        kioskCaPem: this.pki.ca.certificatePem,
      },
    );
    await app.listen({ host: '127.0.0.1', port: this.#port });
    this.#port = (app.server.address() as AddressInfo).port;
    this.#app = app;
  }

  /** Central down: the listener closes, the database stays. */
  async stop(): Promise<void> {
    await this.#app?.close();
    this.#app = undefined;
  }

  /** Enrols the kiosk and returns the endpoint a kiosk configuration would give. */
  async enrol(kioskId: string, timeoutMs = 5_000): Promise<CentralEndpoint> {
    const issued = await enrolKiosk(this.db, this.pki.material, {
      kioskId,
      municipality: VILLADEMO.ineCode,
      now: new Date(),
    });
    const [certificateFile, keyFile] = writeKioskCredential(
      path.join(this.dir, 'credentials'),
      kioskId,
      issued,
    );
    return {
      url: `https://127.0.0.1:${this.#port}`,
      caFile: path.join(this.dir, 'ca.pem'),
      certificateFile: certificateFile!,
      keyFile: keyFile!,
      timeoutMs,
    };
  }

  revoke(kioskId: string): Promise<void> {
    return revokeKiosk(this.db, kioskId, new Date());
  }

  async events(kioskId: string): Promise<{ key: string; sequence: number; type: string }[]> {
    const { rows } = await this.db.query<{ idempotency_key: string; sequence: number; event_type: string }>(
      'SELECT idempotency_key, sequence, event_type FROM kiosk_events WHERE kiosk_id = $1 ORDER BY id',
      [kioskId],
    );
    return rows.map((r) => ({ key: r.idempotency_key, sequence: Number(r.sequence), type: r.event_type }));
  }

  async paidCount(kioskId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM recibos_pagados WHERE kiosk_id = $1',
      [kioskId],
    );
    return Number(rows[0]?.n);
  }

  async close(): Promise<void> {
    await this.stop();
    await this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
