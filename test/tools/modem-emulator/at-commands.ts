// The AT commands the emulated modem answers, in its vendor's dialect (27.007, 27.005, and the
// vendor quirks of vendors.ts: which CNMI and CPMS settings it takes, the charset string
// parameters must be in, a +CPIN? with no OK, a report storage that cannot be listed…).
import { ModemEmulator } from './emulator.js';
import { buildStatusReportPdu } from '../../../main/station/carriers/modem/pdu/deliver.js';

/** `(0-3),(0,1)` → [[0,1,2,3],[0,1]] */
function lists(test: string): string[][] {
  return [...test.matchAll(/\(([^)]*)\)/g)].map((m) =>
    m[1]!.split(',').map((x) => x.replace(/"/g, '').trim()).flatMap((x) => {
      const r = /^(\d+)-(\d+)$/.exec(x);
      if (!r) return [x];
      const out: string[] = [];
      for (let i = Number(r[1]); i <= Number(r[2]); i++) out.push(String(i));
      return out;
    }),
  );
}

const SMS_COMMANDS = ['AT+CMGF', 'AT+CPMS', 'AT+CNMI', 'AT+CMGL', 'AT+CMGR', 'AT+CMGD', 'AT+CMGS', 'AT+CSMS', 'AT+CNMA'];

export async function handleCommand(e: ModemEmulator, line: string, cmd: string): Promise<void> {
  const s = e.state;
  const m = e.model;
  const ok = () => e.reply(['OK']);
  const cms = (code: number) => e.reply([e.errorLine('cms', code)]);
  const cme = (code: number) => e.reply([e.errorLine('cme', code)]);

  if (cmd === 'AT') return ok();
  if (cmd === 'ATI') return e.reply([...m.ati, 'OK']);
  if (cmd === 'ATE0' || cmd === 'ATE1') {
    s.echo = cmd === 'ATE1';
    return ok();
  }
  if (cmd.startsWith('AT+CMEE=')) {
    s.cmee = Number(cmd.slice(8));
    return ok();
  }
  if (cmd === m.resetCommand.toUpperCase() || cmd === 'AT+CFUN=1,1') {
    await ok();
    e.reboot({ powerDownLine: '' });
    return;
  }
  if (cmd.startsWith('AT+CFUN=')) return ok();
  if (m.noise && cmd === m.noise.offCommand.toUpperCase() && !m.noise.offWhenCpmsRead) {
    s.noiseOn = false;
    return ok();
  }
  if (cmd === 'AT+CGMI') return e.reply([m.cgmi, 'OK']);
  if (cmd === 'AT+CGMM') return e.reply([m.cgmm, 'OK']);
  if (cmd === 'AT+CGMR') return e.reply([m.cgmr, 'OK']);
  if (cmd === 'AT+CGSN') return e.reply(['356938035643809', 'OK']);
  // The charset's own name comes in plain letters even in UCS2 (gammu/gammu#358, wammu#44 logs).
  if (cmd === 'AT+CSCS?') return e.reply([`+CSCS: "${s.cscs}"`, 'OK']);
  if (cmd === 'AT+CSCS=?') return e.reply([m.cscsTest, 'OK']);
  if (cmd.startsWith('AT+CSCS=')) {
    const wanted = e.arg(line.slice(8));
    if (wanted === null || !lists(m.cscsTest)[0]!.includes(wanted.toUpperCase())) return e.reply(['ERROR']);
    s.cscs = wanted.toUpperCase();
    return ok();
  }

  // ---- SIM ----
  if (cmd === 'AT+CPIN?') {
    const starting = e.simNotReadyAnswer();
    if (starting) return e.reply([starting.startsWith('+CME') ? e.errorLine('cme', Number(starting.split(':')[1])) : starting, ...(starting.startsWith('+CPIN') ? ['OK'] : [])]);
    return e.reply(m.cpinWithoutOk ? [`+CPIN: ${e.simState}`] : [`+CPIN: ${e.simState}`, 'OK']);
  }
  if (cmd.startsWith('AT+CPIN=')) {
    const pin = e.arg(line.slice(8));
    if (e.simState !== 'SIM PIN') return cme(3);
    if (pin === e.options.pin) {
      e.simState = 'READY';
      return ok();
    }
    return cme(16);
  }
  if (e.simState !== 'READY' && !cmd.startsWith('AT+CG')) return cme(e.simState === 'SIM PIN' ? 11 : 12);
  if (cmd === 'AT+CSQ') return e.reply([`+CSQ: ${e.options.csq ?? 21},99`, 'OK']);
  // 27.007 §7.2: <n>=2 adds the location area and cell (Gammu sets 2, then 1, before each send).
  if (cmd === 'AT+CREG?') return e.reply([s.creg === 2 ? '+CREG: 2,1,"1E3C","00A1B2C3"' : `+CREG: ${s.creg},1`, 'OK']);
  if (cmd === 'AT+CREG=?') return e.reply(['+CREG: (0-2)', 'OK']);
  if (/^AT\+CREG=[0-2]$/.test(cmd)) {
    s.creg = Number(cmd.slice(8));
    return ok();
  }
  // 27.007 §5.6: the SIM's IMSI (an MTS one: MCC 250, MNC 01).
  if (cmd === 'AT+CIMI') return e.reply(['250011234567890', 'OK']);
  if (cmd === 'AT+COPS?') return e.reply([`+COPS: 0,0,"${e.str(e.options.operator ?? m.operator)}",2`, 'OK']);
  if (SMS_COMMANDS.some((c) => cmd.startsWith(c)) && (!e.smsReady || e.simNotReadyAnswer())) return cms(302);

  // ---- SMS settings ----
  if (cmd === 'AT+CMGF=0' || cmd === 'AT+CMGF=1') {
    s.cmgf = Number(cmd.slice(8));
    return ok();
  }
  if (cmd === 'AT+CSMS?') return e.reply([`+CSMS: ${s.csms},1,1,1`, 'OK']);
  if (cmd === 'AT+CSMS=?') return e.reply([m.csmsTest, 'OK']);
  if (cmd.startsWith('AT+CSMS=')) {
    const v = Number(cmd.slice(8));
    if (!lists(m.csmsTest)[0]!.includes(String(v))) return cms(303);
    s.csms = v;
    return e.reply([`+CSMS: 1,1,1`, 'OK']);
  }
  // 27.005 §3.3.1: the SIM's service centre, in the charset strings are in (Gammu asks before each
  // send whose SMS carries none, and stops with EMPTYSMSC when the modem cannot say).
  if (cmd === 'AT+CSCA?') return e.reply([`+CSCA: "${e.str(e.smsc)}",${e.smsc.startsWith('+') ? 145 : 129}`, 'OK']);
  if (cmd.startsWith('AT+CSCA=')) {
    const sca = e.arg(line.slice(8).split(',')[0]!);
    if (sca === null) return cms(304);
    e.smsc = sca;
    return ok();
  }
  if (cmd === 'AT+CNMI=?') return e.reply([m.cnmiTest, 'OK']);
  if (cmd === 'AT+CNMI?') return e.reply([`+CNMI: ${s.cnmi.join(',')}`, 'OK']);
  if (cmd.startsWith('AT+CNMI=')) {
    const values = cmd.slice(8).split(',').map((x) => x.trim());
    const offered = lists(m.cnmiTest);
    if (values.some((v, i) => v !== '' && !offered[i]?.includes(v))) return cms(m.cnmiRefusal);
    values.forEach((v, i) => {
      if (v !== '') s.cnmi[i] = Number(v);
    });
    return ok();
  }
  if (cmd === 'AT+CPMS=?') return e.reply([m.cpmsTest, 'OK']);
  if (cmd === 'AT+CPMS?') {
    if (m.noise?.offWhenCpmsRead) s.noiseOn = false;
    return e.reply([`+CPMS: ${s.cpms.map((name) => `"${e.str(name)}",${e.memory(name).used},${e.memory(name).capacity}`).join(',')}`, 'OK']);
  }
  if (cmd.startsWith('AT+CPMS=')) {
    const wanted = line.slice(8).split(',').map((x) => e.arg(x.trim()));
    const offered = lists(m.cpmsTest);
    // More memories than the modem has parameters for, a memory it does not offer there, or a
    // parameter not in its charset (UCS2 wants hex): refused.
    if (wanted.length > offered.length || wanted.some((w, i) => w === null || !offered[i]!.includes(w.toUpperCase()) || !e.memories.has(w.toUpperCase()))) return cms(302);
    wanted.forEach((w, i) => {
      s.cpms[i] = w!.toUpperCase();
    });
    return e.reply([`+CPMS: ${s.cpms.map((name) => `${e.memory(name).used},${e.memory(name).capacity}`).join(',')}`, 'OK']);
  }
  if (cmd === 'AT+CNMA' || cmd === 'AT+CNMA=0') return e.acknowledge() ? ok() : cms(340);

  // ---- SMS ----
  if (cmd.startsWith('AT+CMGS=')) return e.startSubmit(Number(cmd.slice(8)));
  if (cmd === 'AT+CMGL=4' || cmd === 'AT+CMGL=0') {
    const mem = s.cpms[0];
    if (mem === m.reportStorage && !m.reportStorageListable && mem === 'SR') return cms(302);
    const out: string[] = [];
    for (const [i, sms] of e.memory(mem).list()) {
      if (cmd === 'AT+CMGL=0' && sms.stat !== 0) continue;
      out.push(`+CMGL: ${i},${sms.stat},,${sms.corrupt ? 0 : ModemEmulator.tpduLength(sms.pdu)}`);
      // A damaged entry is listed with nothing where its PDU should be.
      out.push(sms.corrupt ? '' : sms.pdu);
      if (e.faults.urcInResponse && out.length === 2) {
        out.push('+CSQN: 20,99', '+CDS: 26', buildStatusReportPdu({ messageRef: 250, recipient: '+70000000000', submittedAt: Date.now(), dischargedAt: Date.now(), status: 0 }).hex);
      }
    }
    return e.reply([...out, 'OK']);
  }
  if (cmd.startsWith('AT+CMGR=')) {
    const sms = e.memory(s.cpms[0]).read(Number(cmd.slice(8)));
    if (!sms) return cms(321);
    if (sms.corrupt) return cms(500);
    const stat = m.cmgrEmptyStat ? '' : String(sms.stat);
    return e.reply([`+CMGR: ${stat},,${ModemEmulator.tpduLength(sms.pdu)}`, sms.pdu, 'OK']);
  }
  if (cmd.startsWith('AT+CMGD=')) {
    if (e.faults.cmgdFailures > 0) {
      e.faults.cmgdFailures--;
      return cms(500);
    }
    const index = Number(cmd.slice(8).split(',')[0]);
    const mem = s.cpms[0];
    const stored = e.memory(mem).read(index);
    e.memory(mem).delete(index);
    const extra = e.deleted(mem, index, stored && !stored.corrupt ? stored.pdu : null);
    return e.reply(['OK', ...extra]);
  }
  return e.reply([s.cmee === 0 ? 'ERROR' : '+CME ERROR: 100']);
}
