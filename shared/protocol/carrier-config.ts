// Carriers configured on screen (issue 16 item 2): every route (modem, SMPP, HTTP, simulator)
// added, edited, switched on or off, put in order, given its operators and rate limit, applied
// without a restart and audited. Secrets (SMPP password, SIM PIN, HTTP tokens) go in and never
// come back out: a view says only whether one is set. Admin only; merged into `requests` /
// `events` by spreading (control-room.ts).
import { z } from 'zod';
import { CarrierKind, CarrierStatus } from './entities.js';

/** Dotted paths of the secret fields of each kind, e.g. `send.auth.token`. */
export const SECRET_FIELDS: Record<z.infer<typeof CarrierKind>, readonly string[]> = {
  simulator: [],
  modem: ['pin'],
  smpp: ['password'],
  http: ['send.auth.token', 'send.auth.password', 'send.auth.value', 'callback.token'],
};

export const CarrierRouteView = z.object({
  id: z.string(),
  kind: CarrierKind,
  name: z.string(),
  enabled: z.boolean(),
  /** 1 is tried first. */
  position: z.number().int(),
  /** Operators this route is preferred for (a SIM of that operator, an on-net SMPP account). */
  operators: z.array(z.string()),
  /** Most SMS per second the station gives it; null: as fast as it takes them. */
  rateLimit: z.number().nullable(),
  /** The route's settings as config.json writes them, secrets left out. */
  settings: z.record(z.string(), z.unknown()),
  /** Which secret fields hold a value (the value itself never leaves the station). */
  secrets: z.record(z.string(), z.boolean()),
  /** Seeded from config.json (and updated from it when the file's entry changes), or made on screen. */
  source: z.enum(['config', 'screen']),
  /** Given at start (--carrier, tests): shown, not editable here. */
  fixed: z.boolean(),
  status: CarrierStatus.nullable(),
});
export type CarrierRouteView = z.infer<typeof CarrierRouteView>;

export const CarrierRouteInput = z
  .object({
    kind: CarrierKind,
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    operators: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    rateLimit: z.number().positive().max(10_000).nullable().default(null),
    /** As config.json has them (without kind, id and name); secrets go in `secrets`. */
    settings: z.record(z.string(), z.unknown()).default({}),
    /** A new value for a secret field; null clears it; a field left out keeps what is stored. */
    secrets: z.record(z.string(), z.string().max(500).nullable()).default({}),
  })
  .strict();
export type CarrierRouteInput = z.input<typeof CarrierRouteInput>;

const Routes = z.object({ routes: z.array(CarrierRouteView) });
const RouteId = z.string().trim().min(1).max(100);

/** What a test bind (or a test of any route's settings) saw, in order. */
export const LinkTestResult = z.object({
  ok: z.boolean(),
  state: CarrierStatus.shape.state,
  /** The carrier's last sentence (why it is down, what it bound as). */
  detail: z.string().nullable(),
  /** Each state the link went through, with the time since the start. */
  steps: z.array(z.object({ ms: z.number(), state: CarrierStatus.shape.state, detail: z.string().nullable() })),
  tookMs: z.number(),
});
export type LinkTestResult = z.infer<typeof LinkTestResult>;

export const carrierConfigRequests = {
  'carriers.routes': { params: z.object({}).strict(), result: Routes },
  /** Creates a route (no `id`) or changes one; applied at once. */
  'carriers.saveRoute': { params: z.object({ id: RouteId.optional(), route: CarrierRouteInput }).strict(), result: Routes.extend({ id: z.string() }) },
  'carriers.removeRoute': { params: z.object({ id: RouteId }).strict(), result: Routes },
  'carriers.enableRoute': { params: z.object({ id: RouteId, enabled: z.boolean() }).strict(), result: Routes },
  /** Every editable route, first tried first. */
  'carriers.reorderRoutes': { params: z.object({ ids: z.array(RouteId).min(1).max(100) }).strict(), result: Routes },
  /**
   * Connects with these settings (an SMPP bind, an HTTP provider's health URL) without saving or
   * routing anything through it; `id` fills in the secrets already stored for that route.
   */
  'carriers.testLink': {
    params: z.object({ id: RouteId.optional(), route: CarrierRouteInput }).strict(),
    result: LinkTestResult,
  },
} as const;

export const carrierConfigEvents = {
  /** The set of routes changed: every carrier's status, in the order they are tried. */
  'carriers.changed': z.array(CarrierStatus),
} as const;
