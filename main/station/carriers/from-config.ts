// Builds the carriers a station starts with. `config.json` may list routes under `carriers`
// (kind, settings, priority, preferred operators); `--carrier` picks which of them run:
// `simulator`, `modem:PATH[@BAUD]` (a modem on that port, plus any modem routes listed),
// `smpp` or `http` (the listed routes of that kind). Without `--carrier`, every listed route runs,
// or the simulator when none is listed.
import { z } from 'zod';
import type { Carrier } from './carrier.js';
import type { CarrierRoute } from './router.js';
import { SimulatorCarrier, type SimulatorOptions } from './simulator.js';
import { createModemCarrier, parseModemSpec, ModemExtras } from './modem/index.js';
import { createSmppCarrier, SmppCarrierConfig } from './smpp/index.js';
import { createHttpCarrier, HttpCarrierConfig } from './http/index.js';
import { ConfigError, type StationConfig } from '../config.js';

const RouteFields = { priority: z.number().int().optional(), operators: z.array(z.string()).optional() };

export const ModemRouteConfig = z
  .object({
    kind: z.literal('modem'),
    id: z.string().min(1),
    name: z.string().optional(),
    path: z.string().min(1),
    baudRate: z.number().int().positive().optional(),
    pin: z.string().regex(/^\d{4,8}$/, 'a SIM PIN is 4 to 8 digits').optional(),
    sendIntervalMs: z.number().int().nonnegative().optional(),
    ...ModemExtras,
    ...RouteFields,
  })
  .strict();

export const CarrierRouteConfig = z.discriminatedUnion('kind', [
  ModemRouteConfig,
  z.object({ ...SmppCarrierConfig.shape, ...RouteFields }).strict(),
  z.object({ ...HttpCarrierConfig.shape, ...RouteFields }).strict(),
]);
export type CarrierRouteConfig = z.input<typeof CarrierRouteConfig>;

export function routesFromConfig(config: StationConfig): CarrierRoute[] {
  const listed = config.carriers.map((raw, i) => {
    const parsed = CarrierRouteConfig.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`carriers[${i}].${issue.path.join('.')}: ${issue.message}. Check config.json.`);
    }
    return parsed.data;
  });
  const spec = config.carrier;
  const chosen =
    spec === undefined
      ? listed
      : spec.startsWith('modem:')
        ? listed.filter((c) => c.kind === 'modem')
        : listed.filter((c) => c.kind === spec);
  const routes = chosen.map((c) => ({ carrier: build(c), priority: c.priority, operators: c.operators ?? [] }) as CarrierRoute);
  if (spec?.startsWith('modem:')) {
    const port = parseModemSpec(spec);
    routes.unshift({ carrier: createModemCarrier({ id: 'modem', name: `Modem ${port.path}`, ...port }) });
  }
  if (spec === 'simulator' || (spec === undefined && routes.length === 0)) {
    routes.push({ carrier: simulator(config.simulator) });
  }
  if (routes.length === 0) {
    throw new ConfigError(`--carrier ${spec} needs a "${spec}" entry under "carriers" in config.json; see docs/carriers.md.`);
  }
  return routes;
}

/** One route as config.json writes it, checked and built (the carriers screen builds the same way). */
export function buildCarrier(raw: unknown): Carrier {
  return build(CarrierRouteConfig.parse(raw));
}

function build(c: z.output<typeof CarrierRouteConfig>): Carrier {
  switch (c.kind) {
    case 'modem': {
      const { kind: _k, priority: _p, operators: _o, name, ...rest } = c;
      return createModemCarrier({ ...rest, name: name ?? `Modem ${c.path}` });
    }
    case 'smpp': {
      const { priority: _p, operators: _o, ...rest } = c;
      return createSmppCarrier(rest);
    }
    case 'http': {
      const { priority: _p, operators: _o, ...rest } = c;
      return createHttpCarrier(rest);
    }
  }
}

export function simulator(s: StationConfig['simulator'], name?: { id: string; name: string }): SimulatorCarrier {
  const opts: Partial<SimulatorOptions> = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));
  return new SimulatorCarrier({ ...opts, ...name });
}
