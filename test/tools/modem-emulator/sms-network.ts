// The network side of the emulated modem: how an SMS-DELIVER or a status report reaches the TE
// as +CNMI and +CSMS say (stored with +CMTI/+CDSI, or straight as +CMT/+CDS), what the network
// holds back (storage full, SMS not ready, the module in PDU entry), and the 27.005 §3.4.4 deadline
// for AT+CNMA: unanswered, the ME drops <mt> and <ds> to 0 and the network delivers again later.
import { buildStatusReportPdu } from '../../../main/station/carriers/modem/pdu/deliver.js';
import type { ModemEmulator } from './emulator.js';

interface Held {
  pdu: string;
  memory?: string;
  class0?: boolean;
}

export class SmsNetwork {
  private readonly waiting: Held[] = [];
  /** A +CMT/+CDS waiting for AT+CNMA (CSMS 1); the next ones queue behind it. */
  private pendingAck: NodeJS.Timeout | null = null;
  private readonly directQueue: Array<{ pdu: string; report: boolean }> = [];

  constructor(private readonly e: ModemEmulator) {}

  /** A reboot or stop: nothing is owed an acknowledgement any more. */
  reset(): void {
    if (this.pendingAck) clearTimeout(this.pendingAck);
    this.pendingAck = null;
  }

  deliver(pdu: string, o: { class0?: boolean; memory?: string } = {}): number | null {
    const e = this.e;
    if (!e.smsReady || e.inTextEntry) {
      this.waiting.push({ pdu, ...o });
      return null;
    }
    const mt = e.state.cnmi[1] ?? 0;
    if ((o.class0 && e.model.class0Direct && mt !== 0) || mt === 2 || mt === 3) {
      this.sendDirect(pdu, false);
      return null;
    }
    const memory = o.memory ?? e.state.cpms[2];
    const index = e.memory(memory).store(pdu);
    if (index === null) {
      this.waiting.push({ pdu, ...o }); // storage full: the network keeps it and tries again
      return null;
    }
    if (mt === 1) e.urc(`+CMTI: "${e.str(memory)}",${index}`);
    return index;
  }

  /** The SMS-STATUS-REPORT for a submit, routed as +CNMI <ds> says. */
  statusReport(mr: number, to: string, status: number): void {
    const e = this.e;
    if (e.stopped) return;
    const r = buildStatusReportPdu({ messageRef: mr, recipient: to, submittedAt: Date.now(), dischargedAt: Date.now(), status });
    const ds = e.state.cnmi[3] ?? 0;
    if (ds === 1) return this.sendDirect(r.hex, true);
    if (ds === 2) {
      const memory = e.model.reportStorage;
      const index = e.memory(memory).store(r.hex);
      if (index !== null) e.urc(`+CDSI: "${e.str(memory)}",${index}`);
    }
  }

  acknowledge(): boolean {
    if (!this.pendingAck) return false;
    clearTimeout(this.pendingAck);
    this.pendingAck = null;
    this.nextDirect();
    return true;
  }

  /** A slot was freed: what the network held lands in it, announced in the same breath as the OK. */
  deleted(memory: string, index: number): string[] {
    const e = this.e;
    const i = this.waiting.findIndex((w) => !w.memory || w.memory === memory);
    if (i < 0 || memory !== e.state.cpms[2] || (e.state.cnmi[1] ?? 0) !== 1) return [];
    const [w] = this.waiting.splice(i, 1);
    e.memory(memory).storeAt(index, w!.pdu);
    return [`+CMTI: "${e.str(memory)}",${index}`];
  }

  flushWaiting(): void {
    if (!this.e.smsReady || this.e.stopped) return;
    for (const w of this.waiting.splice(0)) this.deliver(w.pdu, { ...(w.class0 ? { class0: true } : {}), ...(w.memory ? { memory: w.memory } : {}) });
  }

  private sendDirect(pdu: string, report: boolean): void {
    const e = this.e;
    if (this.pendingAck) {
      this.directQueue.push({ pdu, report });
      return;
    }
    const len = pdu.length / 2 - 1 - parseInt(pdu.slice(0, 2), 16);
    e.inject(`\r\n${report ? '+CDS' : '+CMT'}: ${report ? '' : ','}${len}\r\n${pdu}\r\n`);
    if (e.state.csms !== 1) return;
    this.pendingAck = setTimeout(() => {
      this.pendingAck = null;
      e.state.cnmi[1] = 0;
      e.state.cnmi[3] = 0;
      if (!report) setTimeout(() => this.deliver(pdu), e.options.networkRetryMs ?? 1_000);
      this.nextDirect();
    }, e.options.cnmaTimeoutMs ?? 3_000);
  }

  private nextDirect(): void {
    const next = this.directQueue.shift();
    if (next) setTimeout(() => this.sendDirect(next.pdu, next.report), 5);
  }
}
