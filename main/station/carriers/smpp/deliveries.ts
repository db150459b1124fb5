// What an SMSC delivers to us (deliver_sm): delivery receipts, and incoming SMS — whole, or in
// parts to reassemble. Nothing is acknowledged before it is stored: a receipt or an SMS the store
// could not take is answered ESME_RX_T_APPN ("try later", SMPP 3.4 §5.1.3), so the SMSC delivers
// it again; what the station does after the commit (replies, commands) never reaches the answer.
import smpp from 'smpp';
import type { CarrierSink } from '../carrier.js';
import { fromSmppAddress } from './address.js';
import type { SmppCarrierConfig } from './config.js';
import { concatFromUdh, decodeText, type ConcatInfo } from './encoding.js';
import { contentKey } from '../content-key.js';
import { isReceipt, parseReceipt, receiptIdToSubmitId } from './receipt.js';
import { Reassembler } from './reassembly.js';

type Ack = { session: smpp.Session; pdu: smpp.PDU; at: number };

/** An incoming SMS we acknowledged in time, until the SMSC proves it read the acknowledgement. */
type Unconfirmed = { session: smpp.Session; mark: number; ref: string };

export class Deliveries {
  private readonly reassembler: Reassembler<Ack>;
  /** Orders our acknowledgements against our later requests on a link (TCP keeps that order). */
  private marks = 0;
  private unconfirmed: Unconfirmed[] = [];

  constructor(
    private readonly config: SmppCarrierConfig,
    private readonly sink: () => CarrierSink | null,
    /** Ask the SMSC something soon (enquire_link) on this link, so its answer proves our acknowledgements arrived. */
    private readonly confirmSoon: (session: smpp.Session) => void = () => undefined,
  ) {
    this.reassembler = new Reassembler<Ack>(config.reassemblyTimeoutMs, (m) =>
      this.commitInbound(m.from, m.to, m.text, m.acks, m.complete ? { reference: m.reference, total: m.total } : undefined),
    );
  }

  /** Parts held for reassembly were never acknowledged: the SMSC delivers them again next bind. */
  drop(): void {
    this.reassembler.drop();
    // Acknowledgements not proved on a link that is gone may not have arrived: they stay unproved.
    this.unconfirmed = [];
  }

  /** Call before sending a request on a link; pass the mark to `answered` when its response comes. */
  mark(): number {
    return ++this.marks;
  }

  /**
   * A response came on `session` to a request sent at `mark`: the SMSC read everything we sent
   * before it, so the acknowledgements sent before it arrived. Those SMS will not be delivered
   * again: an SMS with the same content after them is a new one (CarrierSink.acknowledged).
   */
  answered(session: smpp.Session, mark: number): void {
    if (this.unconfirmed.length === 0) return;
    const proved: string[] = [];
    this.unconfirmed = this.unconfirmed.filter((u) => {
      if (u.session !== session || u.mark >= mark) return true;
      proved.push(u.ref);
      return false;
    });
    if (proved.length > 0) this.sink()?.acknowledged?.(this.config.id, proved);
  }

  onDeliver(session: smpp.Session, pdu: smpp.PDU): void {
    try {
      this.readDeliver(session, pdu);
    } catch {
      // A PDU we cannot read must not take the link down; the SMSC may try it again later.
      session.send(pdu.response({ command_status: smpp.errors['ESME_RX_T_APPN'] }));
    }
  }

  private readDeliver(session: smpp.Session, pdu: smpp.PDU): void {
    const { text, udh } = readMessage(pdu);
    const esmClass = pdu.esm_class ?? 0;
    if (isReceipt(esmClass, Boolean(pdu.receipted_message_id))) {
      const receipt = parseReceipt({
        text,
        receiptedMessageId: pdu.receipted_message_id,
        messageState: pdu.message_state,
        networkErrorCode: pdu.network_error_code,
      });
      const sink = this.sink();
      if (receipt && sink) {
        try {
          sink.report(
            {
              ref: receiptIdToSubmitId(receipt.id, this.config.receiptId),
              status: receipt.status,
              at: Date.now(),
              ...(receipt.status === 'failed'
                ? { error: `The network reports ${receipt.stat}${receipt.err ? ` (error ${receipt.err})` : ''}.` }
                : {}),
            },
            this.config.id,
          );
        } catch {
          // Not stored (the store is failing): "try later", so the SMSC reports it again.
          session.send(pdu.response({ command_status: smpp.errors['ESME_RX_T_APPN'] }));
          return;
        }
      }
      session.send(pdu.response());
      return;
    }
    const from = fromSmppAddress(pdu.source_addr ?? '', pdu.source_addr_ton, this.config.region);
    const to = pdu.destination_addr ?? '';
    const concat = concatFromUdh(udh) ?? concatFromSar(pdu);
    if (concat && concat.total > 1) {
      this.reassembler.add(from, to, concat, text, { session, pdu, at: Date.now() });
      return;
    }
    this.commitInbound(from, to, text, [{ session, pdu, at: Date.now() }]);
  }

  /**
   * Commits first, answers second: an SMS the store refused is answered "try later". What the
   * station does after the commit never reaches this answer (CarrierSink.inbound).
   */
  private commitInbound(from: string, to: string, text: string, acks: Ack[], concat?: { reference: number; total: number }): void {
    const sink = this.sink();
    const carrierRef = contentKey(from, to, text, concat);
    const answer = (status: number) => {
      for (const { session, pdu } of acks) session.send(pdu.response(status ? { command_status: status } : {}));
      // Answered well within any SMSC's response timer (every part): once the SMSC proves it read
      // the answer, this SMS cannot come again, and the same text from the same person is new.
      const now = Date.now();
      const session = acks[0]?.session;
      if (status === 0 && session && this.config.ackProofMs > 0 && acks.every((a) => a.session === session && now - a.at <= this.config.ackProofMs)) {
        this.unconfirmed.push({ session, mark: this.mark(), ref: carrierRef });
        this.confirmSoon(session);
      }
    };
    if (!sink) return answer(smpp.errors['ESME_RX_T_APPN']!);
    const sms = {
      from,
      ...(to ? { to } : {}),
      text,
      receivedAt: Date.now(),
      carrierRef,
      carrierRefWindowMs: this.config.redeliveryWindowMs,
    };
    let committed: Promise<void>;
    try {
      committed = sink.inbound(sms, this.config.id);
    } catch (err) {
      committed = Promise.reject(err);
    }
    committed.then(
      () => answer(0),
      () => answer(smpp.errors['ESME_RX_T_APPN']!),
    );
  }
}

function readMessage(pdu: smpp.PDU): { text: string; udh: Buffer[] | undefined } {
  // message_payload replaces short_message when the text is long (or the SMSC prefers it).
  const field = pdu.message_payload ?? pdu.short_message;
  if (field === undefined || field === null) return { text: '', udh: undefined };
  if (typeof field === 'string') return { text: field, udh: undefined };
  if (Buffer.isBuffer(field)) return { text: decodeText(field, pdu.data_coding ?? 0), udh: undefined };
  const message = field.message;
  const text = typeof message === 'string' ? message : decodeText(message, pdu.data_coding ?? 0);
  return { text, udh: field.udh };
}

function concatFromSar(pdu: smpp.PDU): ConcatInfo | null {
  if (pdu.sar_msg_ref_num === undefined || !pdu.sar_total_segments || !pdu.sar_segment_seqnum) return null;
  return { reference: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
}
