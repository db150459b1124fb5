// Settings of an HTTP SMS API, as a provider's documentation describes it: where to send, how
// to authenticate, where the message id is in the answer, and what its callbacks look like. A
// zod schema, so the station validates its config with it and the admin screen can edit it.
import { z } from 'zod';

const Auth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1) }),
  z.object({ kind: z.literal('basic'), user: z.string(), password: z.string() }),
  /** Any header, e.g. {name: "X-API-Key", value: "…"}. */
  z.object({ kind: z.literal('header'), name: z.string().min(1), value: z.string() }),
]);

/** Paths are dotted with optional indexes: "id", "data.messages[0].id", "$.result.id". */
const Path = z.string().min(1);

export const HttpCarrierConfig = z.object({
  kind: z.literal('http'),
  id: z.string().min(1),
  name: z.string().min(1).default('HTTP SMS'),
  send: z.object({
    /**
     * URL template. Placeholders: {to} (+E.164), {to_digits}, {text}, {from}, {messageId},
     * {report} (1/0), {validUntil} (ISO time) and any key of `params`. Values are URL-encoded here.
     */
    url: z.string().url(),
    method: z.enum(['GET', 'POST', 'PUT']).default('POST'),
    /** How `body` is sent: JSON, form-urlencoded, or no body (everything in the URL). */
    contentType: z.enum(['json', 'form', 'none']).default('json'),
    /** Body template: strings anywhere inside get the placeholders filled in. */
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    // `{}` (a route whose only auth field was a secret kept apart) means no authentication.
    auth: z.preprocess((v) => (v && typeof v === 'object' && Object.keys(v).length === 0 ? { kind: 'none' } : v), Auth).prefault({ kind: 'none' }),
    /** Where the message id is in a JSON answer; an array there gives one id per part. */
    messageIdPath: Path.optional(),
    /** For plain-text answers: a regular expression whose first group is the id, e.g. "^OK (\\S+)". */
    messageIdPattern: z.string().optional(),
    /** A field that, when present and not empty/false/0, means the provider refused the SMS (200 or not). */
    errorPath: Path.optional(),
    /** An answer later than this leaves the SMS in doubt (it may have gone out)… */
    timeoutMs: z.number().int().min(100).default(10_000),
    /** …and the request is still listened to this long for its late answer, then given up (lost). */
    lateAnswerMs: z.number().int().min(100).default(60_000),
    /** Requests at once: the outbox's lane window for this provider. */
    maxInFlight: z.number().int().min(1).max(1_000).default(10),
  }),
  /** Sender name or number, as {from}. */
  from: z.string().default(''),
  /** Extra placeholder values (login, sender id, project key…), so secrets sit in one place. */
  params: z.record(z.string(), z.string()).default({}),
  /** Network failures, timeouts and 5xx in a row before the carrier reports itself down. */
  downAfterFailures: z.number().int().min(1).default(3),
  /** While down: probed (or offered as 'degraded' when there is no probe URL) after this long. */
  recoverAfterMs: z.number().int().min(100).default(30_000),
  /** GET this to learn the API is reachable again (any answer below 500 counts). */
  healthUrl: z.string().url().optional(),
  callback: z
    .object({
      /** Callbacks must carry this in `?token=` or the X-Callback-Token header, else 403. */
      token: z.string().optional(),
      /** When one request carries a batch: the path of the array of events. */
      itemsPath: Path.optional(),
      report: z
        .object({
          idPath: Path.default('id'),
          statusPath: Path.default('status'),
          errorPath: Path.optional(),
          /** Provider's status values, compared case-insensitively. Unlisted values count as pending. */
          delivered: z.array(z.string()).default(['delivered', 'DELIVRD']),
          failed: z.array(z.string()).default(['failed', 'undelivered', 'UNDELIV', 'EXPIRED', 'REJECTD', 'rejected']),
        })
        .prefault({}),
      inbound: z
        .object({
          fromPath: Path.default('from'),
          toPath: Path.default('to'),
          textPath: Path.default('text'),
          /** The provider's id of the SMS, used to drop a repeated callback. */
          idPath: Path.default('id'),
          /** Epoch seconds/ms or ISO time; arrival time when absent. */
          timePath: Path.optional(),
        })
        .prefault({}),
      /** The answer once the event is committed (some providers expect a word, like "OK"). */
      okBody: z.string().default('OK'),
      /** An incoming SMS posted without an id: the same sender and text within this window is one SMS. */
      redeliveryWindowMs: z.number().int().min(1_000).default(3_600_000),
    })
    .prefault({}),
  region: z.string().length(2).default('RU'),
});
export type HttpCarrierConfig = z.infer<typeof HttpCarrierConfig>;
/** What a config file may leave out: everything with a default. */
export type HttpCarrierConfigInput = z.input<typeof HttpCarrierConfig>;
