// Settings of an SMPP account, as the operator's connection sheet lists them. A zod schema, so
// the station validates its config file with it and the admin screen can build its form from it.
import { z } from 'zod';

export const SmppCarrierConfig = z.object({
  kind: z.literal('smpp'),
  id: z.string().min(1),
  /** Shown on the board. */
  name: z.string().min(1).default('SMPP'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(2775),
  /** TLS ("ssmpp"), when the operator offers it. */
  tls: z.boolean().default(false),
  // SMPP 3.4 caps these at 15 and 8 characters; some SMSCs accept longer, so we do not refuse them.
  systemId: z.string().min(1).max(64),
  password: z.string().max(64),
  systemType: z.string().max(12).default(''),
  /** Sender: a number (+7916…), a short code (1234) or an alphanumeric name (Dispatch). */
  sourceAddr: z.string().max(20).default(''),
  /** Override the TON/NPI guessed from sourceAddr when the operator asks for specific values. */
  sourceTon: z.number().int().min(0).max(6).optional(),
  sourceNpi: z.number().int().min(0).max(18).optional(),
  /** Submits sent before their answers arrive; operators state it in the contract (often 10). */
  window: z.number().int().min(1).max(1000).default(10),
  /** Submits per second the account allows; 0 = no limit beyond the window. */
  maxPerSecond: z.number().min(0).default(0),
  /** How long to wait for any response (bind, submit_sm_resp, enquire_link_resp). */
  responseTimeoutMs: z.number().int().min(100).default(10_000),
  /** Keep-alive: an idle link is probed this often; a probe that goes unanswered drops it. */
  enquireLinkMs: z.number().int().min(100).default(30_000),
  reconnect: z
    .object({
      initialMs: z.number().int().min(10).default(1_000),
      maxMs: z.number().int().min(10).default(60_000),
    })
    .prefault({}),
  /** Concatenation reference size in the UDH: 8-bit is the common default, 16-bit for SMSCs that ask for it. */
  concatRef: z.enum(['8bit', '16bit']).default('8bit'),
  /**
   * Some SMSCs answer submit_sm with a hex id and quote it in decimal in the receipt (or the
   * reverse). Says how to turn the receipt's id into the submit's id.
   */
  receiptId: z.enum(['as-is', 'decimal-to-hex', 'hex-to-decimal']).default('as-is'),
  /** command_status values (besides throttling, queue full and system error) to retry later. */
  transientStatuses: z.array(z.number().int()).default([]),
  /** Parts of an incoming concatenated SMS that never complete are committed as they are after this. */
  reassemblyTimeoutMs: z.number().int().min(100).default(60_000),
  /**
   * An SMSC delivers an incoming SMS again when our answer did not reach it; deliver_sm has no
   * id, so the same sender, recipient and text within this window is taken as that redelivery.
   */
  redeliveryWindowMs: z.number().int().min(1_000).default(3_600_000),
  /**
   * …unless we acknowledged the earlier one within this many ms of its arrival and the SMSC then
   * answered a later request of ours on the same link: it read our answer in time and will not
   * deliver that SMS again, so the same text from the same person is a new SMS. 0: never assume so.
   */
  ackProofMs: z.number().int().min(0).default(2_000),
  /**
   * A submit still unanswered this long, on a link that is up, means the SMSC is hung behind a
   * live front end: drop the link and bind again (Kannel's wait-ack, 60 s).
   */
  waitAckMs: z.number().int().min(100).default(60_000),
  /** Region for incoming numbers without an international TON (national format). */
  region: z.string().length(2).default('RU'),
});
export type SmppCarrierConfig = z.infer<typeof SmppCarrierConfig>;
/** What a config file may leave out: everything with a default. */
export type SmppCarrierConfigInput = z.input<typeof SmppCarrierConfig>;
