// Carrier administration over the control-room protocol (issue 4): what every route is doing
// (modem pool members included), which serial ports the station sees, a probe of a port that
// shows what the modem answered, and a test send through one chosen carrier. Admin only; merged
// into `requests` in control-room.ts by spreading.
import { z } from 'zod';
import { CarrierStatus } from './entities.js';

export const Registration = z.enum(['home', 'roaming', 'searching', 'denied', 'not-registered', 'unknown']);
export type Registration = z.infer<typeof Registration>;

/** One GSM modem: alone as a route, or a member of a modem pool. */
export const ModemView = z.object({
  id: z.string(),
  name: z.string(),
  /** The serial port it was configured on; null when it was built without one (tests). */
  path: z.string().nullable(),
  state: CarrierStatus.shape.state,
  detail: z.string().nullable(),
  signal: z.number().nullable(),
  operator: z.string().nullable(),
  registration: Registration,
  /** As the modem answered AT+CPIN?: READY, SIM PIN, SIM PUK, PIN REJECTED… or unknown. */
  sim: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  /** Firmware (AT+CGMR). */
  revision: z.string().nullable().optional(),
  /** The vendor family whose profile the driver uses (docs/modem.md). */
  profile: z.string().nullable().optional(),
  /** How the port is found again when its name changes (SerialPort.list()); null for a pty or a port the OS does not list. */
  usb: z.object({ vendorId: z.string(), productId: z.string(), serialNumber: z.string().nullable(), interface: z.string().nullable() }).nullable().optional(),
  queue: z.number().int(),
  sentToday: z.number().int(),
});
export type ModemView = z.infer<typeof ModemView>;

export const CarrierView = CarrierStatus.extend({
  /** Lower is tried first. */
  priority: z.number(),
  /** Modems behind this route: one for a modem route, each member for a pool, none otherwise. */
  modems: z.array(ModemView),
});
export type CarrierView = z.infer<typeof CarrierView>;

export const UsbIdentityView = z.object({
  vendorId: z.string(),
  productId: z.string(),
  serialNumber: z.string().nullable(),
  /** USB interface of the port (a stick has several serial ports; one answers AT). */
  interface: z.string().nullable(),
  manufacturer: z.string().nullable(),
});
export type UsbIdentityView = z.infer<typeof UsbIdentityView>;

export const SerialPortView = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  /** The USB identity the modem is found by again if its port name changes (null: not USB). */
  usb: UsbIdentityView.nullable().optional(),
});
export type SerialPortView = z.infer<typeof SerialPortView>;

export const ProbeAnswer = z.object({
  command: z.string(),
  ok: z.boolean(),
  /** What the modem said, final result code included (OK, ERROR, +CME ERROR: 10). */
  lines: z.array(z.string()),
});
export type ProbeAnswer = z.infer<typeof ProbeAnswer>;

/** What the probe concluded, as a code the screen words in its language, plus an English sentence. */
export const ProbeVerdictCode = z.enum(['ready', 'no-network', 'no-signal', 'sim-pin', 'sim-puk', 'no-sim', 'sim-error', 'silent', 'unreachable']);
export type ProbeVerdictCode = z.infer<typeof ProbeVerdictCode>;

export const ProbeResult = z.object({
  path: z.string(),
  baudRate: z.number().int(),
  answers: z.array(ProbeAnswer),
  /** Lines the modem sent on its own meanwhile (URCs, noise). */
  unsolicited: z.array(z.string()),
  verdict: z.object({
    ok: z.boolean(),
    code: ProbeVerdictCode,
    sentence: z.string(),
    signal: z.number().nullable(),
    registration: Registration,
    sim: z.string().nullable(),
  }),
  tookMs: z.number(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

const Path = z.string().trim().min(1).max(300);

export const carrierRequests = {
  'carriers.list': { params: z.object({}).strict(), result: z.object({ carriers: z.array(CarrierView) }) },
  'carriers.ports': {
    params: z.object({}).strict(),
    result: z.object({
      ports: z.array(SerialPortView),
      /** The OS does not list ptys or symlinks such as /dev/serial/by-id/…: type those in. */
      typedPathsAllowed: z.literal(true),
      note: z.string(),
    }),
  },
  'carriers.probe': {
    params: z.object({ path: Path, baudRate: z.number().int().min(300).max(4_000_000).optional() }).strict(),
    result: ProbeResult,
  },
  'carriers.testSend': {
    params: z
      .object({
        carrierId: z.string().min(1).max(100),
        phone: z.string().min(1).max(40),
        text: z.string().trim().min(1).max(1_000),
      })
      .strict(),
    result: z.object({ broadcastId: z.number().int(), messageId: z.number().int(), carrierId: z.string() }),
  },
} as const;
