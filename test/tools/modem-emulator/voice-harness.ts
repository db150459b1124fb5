// An emulated modem that also makes and takes voice calls: the SMS emulator behind the voice
// layer (voice.ts) on one socat pty pair, for the call step and call-back tests and the drill.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerialTransport } from '../../../main/station/carriers/modem/serial-transport.js';
import type { ModemTransport } from '../../../main/station/carriers/modem/transport.js';
import { ModemEmulator, type EmulatorOptions } from './emulator.js';
import { startPtyPair, type PtyPair } from './pty-pair.js';
import { EmulatorVoice, VOICE_MODELS, type VoiceModel } from './voice.js';

export interface VoiceModem {
  emulator: ModemEmulator;
  voice: EmulatorVoice;
  stationPath: string;
  stop(): Promise<void>;
}

export async function startVoiceModem(options: EmulatorOptions = {}, model: VoiceModel = VOICE_MODELS.simcom): Promise<VoiceModem> {
  const dir = mkdtempSync(join(tmpdir(), 'modem-voice-'));
  const pair: PtyPair = await startPtyPair(dir);
  const link: ModemTransport = await openSerialTransport({ path: pair.modemPath });
  const voice = new EmulatorVoice(link, model);
  const emulator = new ModemEmulator(options);
  emulator.attach(voice.transport());
  return {
    emulator,
    voice,
    stationPath: pair.stationPath,
    async stop() {
      voice.stop();
      emulator.detach();
      (emulator as { stop?: () => void }).stop?.();
      await link.close().catch(() => undefined);
      await pair.stop();
    },
  };
}
