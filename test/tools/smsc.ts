/// <reference path="../../main/station/carriers/smpp/smpp-package.d.ts" />
// A small SMSC for tests and benches, made with the server half of the same `smpp` package the
// carrier uses. It accepts a transceiver bind, answers submits with ids, records what it got,
// sends delivery receipts and MO messages on request, and can be stopped and restarted on the
// same port to exercise reconnection.
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

export class TestSmsc {
  readonly submitted: SubmittedSm[] = [];
  submitCount = 0;
  enquireLinks = 0;
  binds = 0;
  /** Most submits outstanding at once, as the SMSC saw them. */
  maxOutstanding = 0;
  /** command_status to answer the next submits with (shifted per submit). */
  readonly nextStatuses: number[] = [];
  private outstanding = 0;
  private server: smpp.Server | null = null;
  private nextId = 1000;
  private _port = 0;
  private readonly options: Required<SmscOptions>;

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
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const session of [...server.sessions]) session.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
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
    const ucs2 = /[^\x20-\x7e]/.test(text);
    const chars = Array.from(text);
    const size = Math.ceil(chars.length / parts);
    const chunks = Array.from({ length: parts }, (_, i) => chars.slice(i * size, (i + 1) * size).join(''));
    const reference = Math.floor(Math.random() * 256);
    const order = options.order ?? chunks.map((_, i) => i);
    return Promise.all(
      order.map(
        (i) =>
          new Promise<number>((resolve) => {
            const body = ucs2 ? Buffer.from(chunks[i]!, 'utf16le').swap16() : Buffer.from(chunks[i]!, 'latin1');
            const udh = parts > 1 ? Buffer.from([0x05, 0x00, 0x03, reference, parts, i + 1]) : Buffer.alloc(0);
            session.deliver_sm(
              {
                source_addr: from.replace(/^\+/, ''),
                source_addr_ton: from.startsWith('+') ? 1 : 0,
                source_addr_npi: 1,
                destination_addr: to,
                esm_class: parts > 1 ? 0x40 : 0,
                data_coding: ucs2 ? 8 : 0,
                short_message: Buffer.concat([udh, body]),
              },
              (resp) => resolve(resp.command_status),
            );
          }),
      ),
    );
  }

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
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      if (pdu.system_id !== this.options.systemId || pdu.password !== this.options.password) {
        session.send(pdu.response({ command_status: smpp.errors['ESME_RINVPASWD'] }));
        session.close();
        return;
      }
      this.binds++;
      (session as BoundSession).bound = true;
      session.send(pdu.response({ system_id: 'TestSMSC' }));
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

  private onSubmit(session: smpp.Session, pdu: smpp.PDU): void {
    this.submitCount++;
    this.outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const status = this.nextStatuses.shift() ?? 0;
    const messageId = status === 0 ? (this.nextId++).toString(16).toUpperCase() : '';
    if (this.options.record && status === 0) this.submitted.push(describeSubmit(pdu, messageId));
    const answer = () => {
      this.outstanding--;
      session.send(status ? pdu.response({ command_status: status }) : pdu.response({ message_id: messageId }));
      if (status === 0 && this.options.autoReceipt && (pdu.registered_delivery ?? 0) & 1) {
        const stat = this.options.autoReceipt;
        setTimeout(() => this.sendReceipt(messageId, stat).catch(() => undefined), 5);
      }
    };
    if (this.options.submitDelayMs > 0) setTimeout(answer, this.options.submitDelayMs);
    else answer();
  }
}

type BoundSession = smpp.Session & { bound?: boolean };

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
