/**
 * Central's HTTP service on Fastify: two listeners.
 *
 * - The **kiosk listener** is HTTPS with `requestCert`: every route needs a client certificate of the
 *   kiosk CA whose fingerprint is the enrolled kiosk's (kiosk-auth.ts). The client certificate is
 *   requested, not demanded, at the TLS layer (`rejectUnauthorized: false`) so that a refused kiosk
 *   gets a typed 403 and central a log line, instead of a bare handshake failure nobody can read.
 * - The **public listener** is plain HTTP and serves only the verification page and its JSON. It is
 *   separate so that no route of the sync API is reachable without a certificate, whatever a future
 *   route forgets, and so that the sede can put its own HTTPS proxy and certificate in front of it.
 *
 * Fastify was chosen for JSON Schema validation of bodies, queries and params before any handler
 * runs, its body-size limit, typed routes, pino logging and a maintained release line.
 */
import type { Server as HttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  LogController,
  type RawServerBase,
} from 'fastify';
import type { Logger } from 'pino';
import type {
  CitizenAccess,
  CitizenProof,
  CitizenRecibo,
  CitizenService,
  IssuedVolante,
  VolanteGrant,
  VolanteRequest,
} from '../citizen/index.ts';
import {
  challengeBodySchema,
  grantBodySchema,
  proofBodySchema,
  volanteBodySchema,
} from '../citizen/schemas.ts';
import { CentralDbError, type Database } from '../db/index.ts';
import { type Heartbeat, recordHeartbeat } from './heartbeat.ts';
import { type IngestResult, ingestEvents, type KioskEvent, type KioskIdentity } from './ingest.ts';
import { authenticateKiosk, type PeerFacts, peerFacts } from './kiosk-auth.ts';
import { type KioskConfiguration, kioskConfiguration } from './kiosk-config.ts';
import { paidRecibosSince, pendingRecibos } from './recibos.ts';
import { CentralServiceError, type ErrorBody } from './service-error.ts';
import {
  eventsBodySchema,
  heartbeatBodySchema,
  kioskConfigQuerySchema,
  paidRecibosQuerySchema,
  pendingRecibosQuerySchema,
  verifyPageQuerySchema,
  verifyParamsSchema,
} from './sync-schemas.ts';
import { normalizeCsv, verifyCsv } from './verify.ts';
import { renderVerifyPage } from './verify-page.ts';

export interface ServiceOptions {
  readonly db: Database;
  readonly logger: Logger;
  /** Central's clock; a parameter so tests can fix it. */
  readonly clock?: () => Date;
  readonly bodyLimitBytes?: number;
  readonly maxBatchEvents?: number;
  /** The DNIe access protocol and volante issuance; without it those routes answer 503. */
  readonly citizen?: CitizenAccess;
  /** SHA-256 (hex) of each municipality's seal certificate (by INE code), to check printed seals. */
  readonly sealFingerprintOf?: (ineCode: string) => string | undefined;
}

export interface KioskTls {
  /** Central's server certificate and key, PEM. */
  readonly certificatePem: string;
  readonly keyPem: string;
  /** The kiosk CA certificate, PEM: the only issuer of accepted client certificates. */
  readonly kioskCaPem: string;
}

const DEFAULT_BODY_LIMIT = 1_048_576;

/**
 * Routes whose handler reads the kiosk row in the statement that does the work (ingest.ts): the
 * batch ingest, where a separate lookup would be a second round trip on a kiosk's critical path.
 */
const ROW_CHECKED_BY_STATEMENT: ReadonlySet<string> = new Set(['/v1/events']);

/** The validator refuses instead of repairing: no stripping of unknown fields, no type coercion. */
const STRICT_AJV = {
  customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false },
} as const;

const FASTIFY_CODES: Readonly<Record<string, CentralServiceError['code']>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'central.body_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'central.bad_request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'central.unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'central.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'central.malformed_json',
};

/** Any error thrown on the way becomes a typed refusal. */
export function toServiceError(error: unknown): CentralServiceError {
  if (error instanceof CentralServiceError) return error;
  if (error instanceof CentralDbError) {
    return new CentralServiceError(
      error.code === 'central_db.unavailable' ? 'central.unavailable' : 'central.internal',
      `${error.code}: ${error.detail ?? ''}`,
      { cause: error },
    );
  }
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    validation?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  const message = typeof fields.message === 'string' ? fields.message : 'unknown error';
  if (fields.validation !== undefined)
    return new CentralServiceError('central.bad_request', message, { cause: error });
  const mapped = typeof fields.code === 'string' ? FASTIFY_CODES[fields.code] : undefined;
  if (mapped !== undefined) return new CentralServiceError(mapped, message, { cause: error });
  // secure-json-parse refuses __proto__ and constructor.prototype keys with a 400 SyntaxError.
  if (fields.statusCode === 400)
    return new CentralServiceError('central.malformed_json', message, { cause: error });
  return new CentralServiceError('central.internal', message, { cause: error });
}

function errorBody(error: CentralServiceError): ErrorBody {
  // A 5xx keeps its detail in the log: it may name tables or the server's state.
  return error.status >= 500 || error.detail === undefined
    ? { error: { code: error.code, message: error.message } }
    : { error: { code: error.code, message: error.message, detail: error.detail } };
}

function installErrorHandling<S extends RawServerBase>(
  app: FastifyInstance<S>,
  kioskOf?: (request: object) => string | undefined,
): void {
  // JSON only: a text/plain body would otherwise reach the validator as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((raw: unknown, request, reply) => {
    const error = toServiceError(raw);
    const line = {
      code: error.code,
      status: error.status,
      detail: error.detail,
      method: request.method,
      // The route pattern, not the URL: a URL can carry a CSV, and a CSV leads to a person.
      route: request.routeOptions.url ?? 'unknown',
      kiosk: kioskOf?.(request),
    };
    if (error.status >= 500) request.log.error({ ...line, err: raw }, 'request failed');
    else request.log.warn(line, 'request refused');
    void reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(error));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new CentralServiceError('central.not_found', `${request.method} not routed`);
    request.log.warn({ code: error.code, status: 404, method: request.method }, 'request refused');
    void reply.code(404).send(errorBody(error));
  });
}

/** What the kiosk gets for an issued volante: everything but central's row id. */
function volanteAnswer(issued: IssuedVolante) {
  return {
    csv: issued.csv,
    kind: issued.kind,
    issuedAt: issued.issuedAt,
    validUntil: issued.validUntil,
    verificationUrl: issued.verificationUrl,
    document: issued.document,
    canonical: issued.canonical,
    dataHash: issued.dataHash,
    seal: issued.seal,
  };
}

/** The sync API for kiosks, over mutual TLS. */
export function buildKioskApp(options: ServiceOptions, tls: KioskTls): FastifyInstance<HttpsServer> {
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    https: {
      cert: tls.certificatePem,
      key: tls.keyPem,
      ca: tls.kioskCaPem,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    loggerInstance: options.logger,
    // Refusals and ingests log their own lines; a line per request would drown them.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    ajv: STRICT_AJV,
    forceCloseConnections: true,
  }) as unknown as FastifyInstance<HttpsServer>;
  const kiosks = new WeakMap<object, KioskIdentity>();
  const peers = new WeakMap<object, PeerFacts>();
  const kioskOf = (request: FastifyRequest): KioskIdentity => {
    const kiosk = kiosks.get(request);
    if (kiosk === undefined)
      throw new CentralServiceError('central.kiosk_certificate_missing', 'no identity');
    return kiosk;
  };
  installErrorHandling(app, (request) => kiosks.get(request)?.kioskId ?? peers.get(request)?.kioskId);

  // Before the body is read: a client without a certificate of the kiosk CA never gets its body parsed.
  // The kiosk row is read on every request; for the routes in ROW_CHECKED_BY_STATEMENT, in the same
  // statement as the work (a revoked kiosk's body is then parsed, and refused with nothing stored).
  app.addHook('onRequest', async (request) => {
    const peer = peerFacts(request.raw.socket as TLSSocket);
    peers.set(request, peer);
    if (!ROW_CHECKED_BY_STATEMENT.has(request.routeOptions.url ?? ''))
      kiosks.set(request, await authenticateKiosk(options.db, peer));
  });

  app.post<{ Body: { events: KioskEvent[] } }>(
    '/v1/events',
    { schema: { body: eventsBodySchema(options.maxBatchEvents ?? 500) } },
    async (request): Promise<IngestResult> => {
      const { kiosk, ...result } = await ingestEvents(
        options.db,
        peers.get(request)!,
        request.body.events,
        clock(),
      );
      kiosks.set(request, kiosk);
      request.log.info(
        {
          kiosk: kiosk.kioskId,
          stored: result.stored.length,
          alreadyStored: result.alreadyStored.length,
          refundRequired: result.refundRequired.length,
        },
        'events ingested',
      );
      return result;
    },
  );

  app.get<{ Querystring: { since?: string; limit?: string } }>(
    '/v1/paid-recibos',
    { schema: { querystring: paidRecibosQuerySchema } },
    async (request) =>
      paidRecibosSince(
        options.db,
        kioskOf(request).municipality,
        Number(request.query.since ?? '0'),
        Number(request.query.limit ?? '500'),
      ),
  );

  app.get<{ Querystring: { emisora?: string; referencia?: string; after?: string; limit?: string } }>(
    '/v1/pending-recibos',
    { schema: { querystring: pendingRecibosQuerySchema } },
    async (request) => {
      const { emisora, referencia } = request.query;
      return pendingRecibos(options.db, kioskOf(request).municipality, {
        ...(emisora === undefined ? {} : { emisora }),
        ...(referencia === undefined ? {} : { referencia }),
        after: Number(request.query.after ?? '0'),
        limit: Number(request.query.limit ?? '500'),
      });
    },
  );

  app.get(
    '/v1/kiosk-config',
    { schema: { querystring: kioskConfigQuerySchema } },
    async (request): Promise<KioskConfiguration> =>
      kioskConfiguration(options.db, kioskOf(request).municipality),
  );

  app.post<{ Body: Heartbeat }>(
    '/v1/heartbeat',
    { schema: { body: heartbeatBodySchema } },
    async (request) => {
      const receivedAt = clock();
      await recordHeartbeat(options.db, kioskOf(request), request.body, receivedAt);
      return { receivedAt: receivedAt.toISOString() };
    },
  );

  const citizen = (): CitizenAccess => {
    if (options.citizen === undefined) throw new CentralServiceError('central.citizen_access_disabled');
    return options.citizen;
  };

  app.post<{ Body: { service: CitizenService } }>(
    '/v1/citizen/challenge',
    { schema: { body: challengeBodySchema } },
    async (request) => citizen().challenge(kioskOf(request), request.body.service, clock()),
  );

  app.post<{ Body: VolanteRequest }>(
    '/v1/citizen/volante',
    { schema: { body: volanteBodySchema } },
    async (request) => volanteAnswer(await citizen().volante(kioskOf(request), request.body, clock())),
  );

  app.post<{ Body: VolanteRequest }>(
    '/v1/citizen/volante/preview',
    { schema: { body: volanteBodySchema } },
    async (request): Promise<VolanteGrant> =>
      citizen().previewVolante(kioskOf(request), request.body, clock()),
  );

  app.post<{ Body: { grantId: string } }>(
    '/v1/citizen/volante/issue',
    { schema: { body: grantBodySchema } },
    async (request) =>
      volanteAnswer(await citizen().issueGranted(kioskOf(request), request.body.grantId, clock())),
  );

  app.post<{ Body: CitizenProof }>(
    '/v1/citizen/recibos-pendientes',
    { schema: { body: proofBodySchema } },
    async (request): Promise<{ recibos: CitizenRecibo[] }> => ({
      recibos: await citizen().pendingRecibos(kioskOf(request), request.body, clock()),
    }),
  );

  return app;
}

/** The public verification page and its JSON, without client certificates. */
export function buildPublicApp(options: ServiceOptions): FastifyInstance {
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    loggerInstance: options.logger,
    // Refusals and ingests log their own lines; a line per request would drown them.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16_384,
    ajv: STRICT_AJV,
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;
  installErrorHandling(app);

  app.get('/', async (_request, reply) => reply.redirect('/verificar', 303));

  app.get<{ Querystring: { csv?: string } }>(
    '/verificar',
    { schema: { querystring: verifyPageQuerySchema } },
    async (request, reply) => {
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const input = request.query.csv;
      if (input === undefined || input.trim() === '') return renderVerifyPage({ kind: 'empty' });
      const csv = normalizeCsv(input);
      if (csv === undefined) {
        request.log.info({ code: 'central.csv_invalid' }, 'verification: code not valid');
        void reply.code(400);
        return renderVerifyPage({ kind: 'invalid', input });
      }
      const verification = await verifyCsv(options.db, csv, clock(), options.sealFingerprintOf);
      request.log.info({ found: verification.found }, 'verification');
      if (!verification.found) void reply.code(404);
      return renderVerifyPage({ kind: 'result', verification });
    },
  );

  app.get<{ Params: { csv: string } }>(
    '/v1/verify/:csv',
    { schema: { params: verifyParamsSchema } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const csv = normalizeCsv(request.params.csv);
      if (csv === undefined) throw new CentralServiceError('central.csv_invalid');
      const verification = await verifyCsv(options.db, csv, clock(), options.sealFingerprintOf);
      request.log.info({ found: verification.found }, 'verification');
      if (!verification.found) void reply.code(404);
      return verification;
    },
  );

  return app;
}
