/// <reference path="../../main/station/carriers/smpp/smpp-package.d.ts" />
// A small SMSC for tests and benches, made with the server half of the same `smpp` package the
// carrier uses. It accepts a transceiver bind, answers submits with ids, records what it got,
// sends delivery receipts and MO messages on request, and can be stopped and restarted on the
// same port to exercise reconnection.
//
// It also misbehaves on command, the way operators' SMSCs do on a bad day. Each fault names the
// part of the SMPP 3.4 specification (Issue 1.2) it follows, and what a peer gateway (Kannel's
// gw/smsc/smsc_smpp.c) does on the other side of it:
// - throttling: submit_sm_resp with command_status ESME_RTHROTTLED 0x58 ("throttling error: ESME
//   has exceeded allowed message limits", §5.1.3) or ESME_RMSGQFUL 0x14 ("message queue full");
//   Kannel counts both as temporary failures and pauses the link for a second.
// - an enforced window: §2.6 leaves the number of outstanding operations to the SMSC and
//   recommends no more than 10; an SMSC over its limit answers ESME_RTHROTTLED.
// - an enforced rate: accounts are sold per second; beyond it the answer is ESME_RTHROTTLED.
// - late answers: the ESME's response_timer (§7.2) expires before the submit_sm_resp arrives;
//   the answer still comes later with the request's sequence_number (§3.2: responses are matched
//   by sequence_number, not by order).
// - silent: the SMSC keeps the bind and answers enquire_link (§4.11) but never answers submit_sm,
//   as a hung SMSC application behind a live front end does. Kannel's "wait-ack" (60 s) and
//   "connection-timeout" exist for exactly this.
// - dropped link: the TCP connection goes away with submits outstanding (§2.4: the network
//   layer is the only transport; a lost connection loses every unanswered operation).
// - permanent refusals: ESME_RINVDSTADR 0x0B for chosen destinations, or any status for all.
// - generic_nack (§4.3): the refusal comes as a generic_nack carrying the submit's
//   sequence_number instead of a submit_sm_resp, as some SMSCs do for throttling.
// - MO redelivery: a deliver_sm not answered with ESME_ROK (§4.6.2) — answered
//   ESME_RX_T_APPN 0x64, not answered at all, or lost with the link — is delivered again later,
//   and again on the next bind, until the ESME acknowledges it.
import smpp from 'smpp';

export interface SubmittedSm {
  messageId: string;
  source: string;
  destination: string;
  destTon: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** Raw short_message bytes, UDH included. */
  bytes: Buffer;
  /** Concatenation (reference, total, seq) when the UDH has it. */
  concat: { reference: number; total: number; seq: number } | null;
  /** The text of this part, decoded by data_coding. */
  text: string;
}

export interface SmscOptions {
  systemId?: string;
  password?: string;
  /** Send a receipt for every submit that asks for one, with this stat (e.g. DELIVRD). */
  autoReceipt?: string | null;
  /** Delay before answering a submit, to make the window matter. */
  submitDelayMs?: number;
  /** Answer enquire_link (turn off to simulate a dead SMSC that keeps the socket open). */
  answerEnquireLink?: boolean;
  /** Keep submitted PDUs (off for benches that send thousands). */
  record?: boolean;
}

/** What the SMSC does with submit_sm right now; every field can be changed while it runs. */
export interface SmscFaults {
  /** Answer every submit with this command_status (0x58 throttled, 0x14 queue full, 0x08 …). */
  refuseAll: number | null;
  /** Answer submits to these destinations (digits, as on the wire) with this status. */
  refuseDestinations: Map<string, number>;
  /** Send refusals as generic_nack instead of submit_sm_resp (§4.3). */
  genericNack: boolean;
  /** Keep the link, answer enquire_link, never answer submit_sm. */
  silent: boolean;
  /** More submits outstanding than this are answered ESME_RTHROTTLED (0 = no limit). */
  maxOutstanding: number;
  /** More submits than this in any second are answered ESME_RTHROTTLED (0 = no limit). */
  maxPerSecond: number;
}

/** One submit_sm as it reached the SMSC, whatever was answered. */
export interface SubmitSeen {
  destination: string;
  text: string;
  /** `accepted`: answered ESME_ROK (or will be: a late answer); `unanswered`: silent mode. */
  outcome: 'accepted' | 'refused' | 'unanswered';
  status: number;
  at: number;
}

interface PendingMo {
  id: number;
  from: string;
  to: string;
  /** One short_message per part, UDH included. */
  parts: { body: Buffer; esmClass: number; dataCoding: number; acked: boolean; inFlight: boolean }[];
  attempts: number;
}

const THROTTLED = 0x58;

export class TestSmsc {
  readonly submitted: SubmittedSm[] = [];
  /** Every submit_sm received, accepted or not, in arrival order (kept even with record off). */
  readonly seen: SubmitSeen[] = [];
  submitCount = 0;
  enquireLinks = 0;
  binds = 0;
  /** Most submits outstanding at once, as the SMSC saw them. */
  maxOutstanding = 0;
  /** command_status to answer the next submits with (shifted per submit). */
  readonly nextStatuses: number[] = [];
  readonly faults: SmscFaults = {
    refuseAll: null,
    refuseDestinations: new Map(),
    genericNack: false,
    silent: false,
    maxOutstanding: 0,
    maxPerSecond: 0,
  };
  /** How long an unacknowledged MO waits before it is delivered again. */
  moRetryMs = 500;
  /**
   * Every n-th queued MO has its first deliver_sm_resp "lost" (ignored, as when it arrives after
   * the SMSC's own response timer): the SMSC delivers that MO again. 0: none.
   */
  moLoseFirstAckEvery = 0;
  private outstanding = 0;
  private server: smpp.Server | null = null;
  private nextId = 1000;
  private _port = 0;
  private readonly options: Required<SmscOptions>;
  private readonly secondWindow: number[] = [];
  private readonly mo = new Map<number, PendingMo>();
  private moSeq = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: SmscOptions = {}) {
    this.options = {
      systemId: 'switchboard',
      password: 'secret',
      autoReceipt: null,
      submitDelayMs: 0,
      answerEnquireLink: true,
      record: true,
      ...options,
    };
  }

  get port(): number {
    return this._port;
  }

  set autoReceipt(stat: string | null) {
    this.options.autoReceipt = stat;
  }

  set answerEnquireLink(on: boolean) {
    this.options.answerEnquireLink = on;
  }

  /** Answer submits this much later (the response_timer case of §7.2). */
  set submitDelayMs(ms: number) {
    this.options.submitDelayMs = ms;
  }

  /** Answers ESME_RTHROTTLED (or `status`) to every submit for `ms`, then accepts again. */
  throttleFor(ms: number, status = THROTTLED): void {
    this.faults.refuseAll = status;
    this.later(ms, () => {
      if (this.faults.refuseAll === status) this.faults.refuseAll = null;
    });
  }

  /** Accepted (or to be accepted) submits per destination: what may reach a phone. */
  deliveredTo(destination: string): number {
    return this.seen.filter((s) => s.destination === destination && s.outcome !== 'refused').length;
  }

  /** Destination → submits that may have reached it (accepted or left unanswered). */
  reachedCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.seen) if (s.outcome !== 'refused') counts.set(s.destination, (counts.get(s.destination) ?? 0) + 1);
    return counts;
  }

  /** Listens on 127.0.0.1; on the given port (for a restart) or a free one. */
  async start(port = this._port): Promise<number> {
    const server = smpp.createServer({}, (session) => this.onSession(session));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this._port = typeof address === 'object' && address ? address.port : port;
    return this._port;
  }

  /** Closes the listener and drops every session, as a crashed SMSC would. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const session of [...server.sessions]) session.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops every TCP connection but keeps listening: the client reconnects (§2.4). */
  dropLinks(): void {
    for (const session of [...(this.server?.sessions ?? [])]) session.destroy();
  }

  get sessions(): smpp.Session[] {
    return this.server ? [...this.server.sessions].filter((s) => (s as BoundSession).bound) : [];
  }

  /**
   * Sends an MO SMS to the bound client, split into `parts` (UCS-2 when not plain ASCII), and
   * resolves with the command_status of each deliver_sm_resp, in the order they came back.
   */
  deliverMo(from: string, to: string, text: string, parts = 1, options: { order?: number[] } = {}): Promise<number[]> {
    const session = this.requireSession();
    const chunks = moParts(text, parts, Math.floor(Math.random() * 256));
    const order = options.order ?? chunks.map((_, i) => i);
    return Promise.all(
      order.map(
        (i) =>
          new Promise<number>((resolve) => {
            session.deliver_sm(moPdu(from, to, chunks[i]!), (resp) => resolve(resp.command_status));
          }),
      ),
    );
  }

  /**
   * Queues an MO SMS the way an SMSC holds one for an ESME: delivered now if a client is bound,
   * and again (after `moRetryMs`, or on the next bind) until every part is answered ESME_ROK.
   */
  queueMo(from: string, to: string, text: string, parts = 1): number {
    const id = ++this.moSeq;
    const chunks = moParts(text, parts, id % 256);
    this.mo.set(id, { id, from, to, attempts: 0, parts: chunks.map((c) => ({ ...c, acked: false, inFlight: false })) });
    this.pushMo(id);
    return id;
  }

  /** MO messages not yet acknowledged in full. */
  get moPending(): number {
    return [...this.mo.values()].filter((m) => m.parts.some((p) => !p.acked)).length;
  }

  /** deliver_sm PDUs sent for queued MOs, first deliveries and repeats together. */
  moDeliveries = 0;

  /** Sends a delivery receipt for a message id, in text and TLVs as most SMSCs do. */
  sendReceipt(messageId: string, stat = 'DELIVRD', options: { tlv?: boolean; err?: string } = {}): Promise<number> {
    const session = this.requireSession();
    const now = formatReceiptDate(new Date());
    const text = `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${now} done date:${now} stat:${stat} err:${options.err ?? '000'} text:`;
    const states: Record<string, number> = { DELIVRD: 2, EXPIRED: 3, UNDELIV: 5, REJECTD: 8, ENROUTE: 1 };
    return new Promise((resolve) => {
      session.deliver_sm(
        {
          source_addr: '79160000000',
          destination_addr: 'Dispatch',
          esm_class: 0x04,
          data_coding: 0,
          short_message: Buffer.from(text, 'ascii'),
          ...(options.tlv === false ? {} : { receipted_message_id: messageId, message_state: states[stat] ?? 7 }),
        },
        (resp) => resolve(resp.command_status),
      );
    });
  }

  private requireSession(): smpp.Session {
    const session = this.sessions[0];
    if (!session) throw new Error('No client is bound to the test SMSC.');
    return session;
  }

  private onSession(session: smpp.Session): void {
    session.socket.setNoDelay(true);
    session.on('error', () => {
      // A client that vanishes is normal here.
    });
    session.on('close', () => {
      // Whatever was in flight to this client is undelivered: it goes again on the next bind.
      for (const m of this.mo.values()) for (const p of m.parts) if (p.inFlight && (p as MoPart).session === session) p.inFlight = false;
    });
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      if (pdu.system_id !== this.options.systemId || pdu.password !== this.options.password) {
        session.send(pdu.response({ command_status: smpp.errors['ESME_RINVPASWD'] }));
        session.close();
        return;
      }
      this.binds++;
      (session as BoundSession).bound = true;
      session.send(pdu.response({ system_id: 'TestSMSC' }));
      for (const id of this.mo.keys()) this.pushMo(id);
    });
    session.on('enquire_link', (pdu: smpp.PDU) => {
      this.enquireLinks++;
      if (this.options.answerEnquireLink) session.send(pdu.response());
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.PDU) => this.onSubmit(session, pdu));
  }

  /** The status this submit gets under the current faults; 0 accepts it. */
  private statusFor(pdu: smpp.PDU): number {
    const scripted = this.nextStatuses.shift();
    if (scripted !== undefined) return scripted;
    if (this.faults.refuseAll !== null) return this.faults.refuseAll;
    const refused = this.faults.refuseDestinations.get(pdu.destination_addr ?? '');
    if (refused) return refused;
    if (this.faults.maxOutstanding > 0 && this.outstanding > this.faults.maxOutstanding) return THROTTLED;
    if (this.faults.maxPerSecond > 0) {
      const now = Date.now();
      while (this.secondWindow.length > 0 && this.secondWindow[0]! <= now - 1000) this.secondWindow.shift();
      if (this.secondWindow.length >= this.faults.maxPerSecond) return THROTTLED;
      this.secondWindow.push(now);
    }
    return 0;
  }

  private onSubmit(session: smpp.Session, pdu: smpp.PDU): void {
    this.submitCount++;
    this.outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const destination = pdu.destination_addr ?? '';
    if (this.faults.silent) {
      this.seen.push({ destination, text: textOf(pdu), outcome: 'unanswered', status: -1, at: Date.now() });
      return; // the submit stays outstanding for as long as the link lives
    }
    const status = this.statusFor(pdu);
    const messageId = status === 0 ? (this.nextId++).toString(16).toUpperCase() : '';
    this.seen.push({ destination, text: textOf(pdu), outcome: status === 0 ? 'accepted' : 'refused', status, at: Date.now() });
    if (this.options.record && status === 0) this.submitted.push(describeSubmit(pdu, messageId));
    const answer = () => {
      this.outstanding--;
      if (status !== 0 && this.faults.genericNack) {
        session.send(new smpp.PDU('generic_nack', { command_status: status, sequence_number: pdu.sequence_number }));
      } else {
        session.send(status ? pdu.response({ command_status: status }) : pdu.response({ message_id: messageId }));
      }
      if (status === 0 && this.options.autoReceipt && (pdu.registered_delivery ?? 0) & 1) {
        const stat = this.options.autoReceipt;
        this.later(5, () => this.sendReceipt(messageId, stat).catch(() => undefined));
      }
    };
    if (this.options.submitDelayMs > 0) this.later(this.options.submitDelayMs, answer);
    else answer();
  }

  /** Delivers the unacknowledged parts of one queued MO to the bound client, if there is one. */
  private pushMo(id: number): void {
    const m = this.mo.get(id);
    const session = this.sessions[0];
    if (!m || !session) return;
    const due = m.parts.filter((p) => !p.acked && !p.inFlight);
    if (due.length === 0) return;
    m.attempts++;
    const loseAck = m.attempts === 1 && this.moLoseFirstAckEvery > 0 && id % this.moLoseFirstAckEvery === 0;
    for (const part of due) {
      part.inFlight = true;
      (part as MoPart).session = session;
      this.moDeliveries++;
      session.deliver_sm(moPdu(m.from, m.to, part), (resp) => {
        part.inFlight = false;
        if (resp.command_status === 0 && !loseAck) part.acked = true;
        else this.later(this.moRetryMs, () => this.pushMo(id));
      });
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}

type BoundSession = smpp.Session & { bound?: boolean };
type MoPart = PendingMo['parts'][number] & { session?: smpp.Session };

/** Splits an MO text into deliver_sm bodies (UCS-2 when not plain ASCII), with a UDH when parted. */
function moParts(text: string, parts: number, reference: number): { body: Buffer; esmClass: number; dataCoding: number }[] {
  const ucs2 = /[^\x20-\x7e]/.test(text);
  const chars = Array.from(text);
  const size = Math.ceil(chars.length / parts);
  return Array.from({ length: parts }, (_, i) => {
    const chunk = chars.slice(i * size, (i + 1) * size).join('');
    const body = ucs2 ? Buffer.from(chunk, 'utf16le').swap16() : Buffer.from(chunk, 'latin1');
    const udh = parts > 1 ? Buffer.from([0x05, 0x00, 0x03, reference, parts, i + 1]) : Buffer.alloc(0);
    return { body: Buffer.concat([udh, body]), esmClass: parts > 1 ? 0x40 : 0, dataCoding: ucs2 ? 8 : 0 };
  });
}

function moPdu(from: string, to: string, part: { body: Buffer; esmClass: number; dataCoding: number }): Record<string, unknown> {
  const alphanumeric = /[^\d+]/.test(from);
  return {
    source_addr: from.replace(/^\+/, ''),
    // TON 5 alphanumeric, 1 international, 0 unknown (short codes) — §5.2.5.
    source_addr_ton: alphanumeric ? 5 : from.startsWith('+') ? 1 : 0,
    source_addr_npi: alphanumeric ? 0 : 1,
    destination_addr: to,
    esm_class: part.esmClass,
    data_coding: part.dataCoding,
    short_message: part.body,
  };
}

function textOf(pdu: smpp.PDU): string {
  const field = pdu.short_message;
  if (field && typeof field === 'object' && !Buffer.isBuffer(field)) {
    return typeof field.message === 'string' ? field.message : field.message.toString('latin1');
  }
  return Buffer.isBuffer(field) ? field.toString('latin1') : String(field ?? '');
}

function describeSubmit(pdu: smpp.PDU, messageId: string): SubmittedSm {
  const field = pdu.short_message;
  // The package splits the UDH off when esm_class has UDHI; rebuild the raw bytes for checks.
  let udh = Buffer.alloc(0);
  let body: Buffer;
  let text: string;
  if (field && typeof field === 'object' && !Buffer.isBuffer(field)) {
    if (field.udh?.length) {
      const ies = Buffer.concat(field.udh);
      udh = Buffer.concat([Buffer.from([ies.length]), ies]);
    }
    text = typeof field.message === 'string' ? field.message : field.message.toString('latin1');
    body = typeof field.message === 'string' ? Buffer.from(field.message) : field.message;
  } else {
    body = Buffer.isBuffer(field) ? field : Buffer.from(String(field ?? ''));
    text = body.toString('latin1');
  }
  let concat: SubmittedSm['concat'] = null;
  if (udh.length >= 6 && udh[1] === 0x00) concat = { reference: udh[3]!, total: udh[4]!, seq: udh[5]! };
  if (udh.length >= 7 && udh[1] === 0x08) concat = { reference: udh.readUInt16BE(3), total: udh[5]!, seq: udh[6]! };
  return {
    messageId,
    source: pdu.source_addr ?? '',
    destination: pdu.destination_addr ?? '',
    destTon: pdu.dest_addr_ton ?? 0,
    dataCoding: pdu.data_coding ?? 0,
    esmClass: pdu.esm_class ?? 0,
    registeredDelivery: pdu.registered_delivery ?? 0,
    bytes: Buffer.concat([udh, body]),
    concat,
    text,
  };
}

function formatReceiptDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
