// What differs between modem families, as data. The driver identifies a modem (ATI, AT+CGMI,
// AT+CGMM), picks its profile here, and asks the modem itself what it supports (AT+CNMI=?,
// AT+CPMS=?, AT+CSCS=?, AT+CSMS?): a profile only says what the answers cannot — which lines mean
// a reboot, which are noise and how to silence them, which replies break the rules, how to reset.
// Sources for every entry are in docs/modem.md.

export type ProfileId = 'cinterion' | 'wavecom' | 'zte' | 'quectel' | 'simcom' | 'huawei' | 'generic';

export interface ModemProfile {
  id: ProfileId;
  /** The family as the board and docs/modem.md name it. */
  family: string;
  /** Matched against the answers to AT+CGMI, ATI and AT+CGMM. */
  match: RegExp | null;
  /** URCs that mean the modem has (re)started: settings are gone, the SIM is read again. */
  rebootUrcs: string[];
  /** URCs that mean it is powering down. */
  powerDownUrcs: string[];
  /** Unsolicited lines that are known and harmless: never shown as "unexpected output". */
  noiseUrcs: string[];
  /** Commands that switch that noise off where the modem allows it (errors are ignored). */
  quietCommands: string[];
  /** Commands the modem needs once its SIM is ready (retried while it is starting). */
  afterUnlockCommands: string[];
  /** Information lines that end their command with no final result code. */
  infoEndsCommand: string[];
  /** Character sets for AT string parameters, best first (used when the modem offers them). */
  charsets: string[];
  /** Restarts a modem that stopped answering. */
  resetCommand: string;
  /** CNMI settings to try, in order, when AT+CNMI=? gives nothing usable. */
  cnmiFallbacks: string[];
}

/** Boot and reboot URCs of 27.007 and of the common modules, known to every profile. */
const COMMON_REBOOT = ['RDY', '+CFUN: 1', 'SMS Ready', '^SYSSTART', '+QIND: SMS DONE'];
const COMMON_FALLBACK_CNMI = ['AT+CNMI=2,1,0,1,0', 'AT+CNMI=1,1,0,1,0', 'AT+CNMI=2,1,0,2,0', 'AT+CNMI=2,1'];

const base = {
  powerDownUrcs: [] as string[],
  noiseUrcs: [] as string[],
  quietCommands: [] as string[],
  afterUnlockCommands: [] as string[],
  infoEndsCommand: [] as string[],
  charsets: ['GSM', 'IRA'],
  resetCommand: 'AT+CFUN=1,1',
  cnmiFallbacks: COMMON_FALLBACK_CNMI,
};

export const PROFILES: readonly ModemProfile[] = [
  {
    ...base,
    id: 'cinterion',
    family: 'Siemens/Cinterion (MC35i, BGS2, PHS8, MC75i)',
    match: /cinterion|siemens|gemalto|thales/i,
    rebootUrcs: [...COMMON_REBOOT],
    noiseUrcs: ['^SYSSTART', '^SCKS', '+CIEV', '^SBC', '^SMGO'],
    // Cinterion accepts only <bfr>=1 (AT+CNMI=?): gammu#1206, ModemManager cinterion tests.
    cnmiFallbacks: ['AT+CNMI=2,1,0,2,1', 'AT+CNMI=2,1,0,0,1', ...COMMON_FALLBACK_CNMI],
  },
  {
    ...base,
    id: 'wavecom',
    family: 'Wavecom/Sierra (Fastrack, Q24, WMP)',
    match: /wavecom|sierra/i,
    rebootUrcs: [...COMMON_REBOOT, '+WIND: 3'],
    noiseUrcs: ['+WIND'],
    // AT+CPIN? is answered with +CPIN: … and never an OK (ModemManager wavecom plugin).
    infoEndsCommand: ['+CPIN:'],
    resetCommand: 'AT+CFUN=1',
  },
  {
    ...base,
    id: 'zte',
    family: 'ZTE (MF-series sticks)',
    match: /zte/i,
    rebootUrcs: [...COMMON_REBOOT],
    noiseUrcs: ['+ZUSIMR', '+ZPASR', '+ZDONR', '+ZEND', '+ZPSTM', '^MODE', '^DSFLOWRPT'],
    // A successful AT+CPMS? ends the +ZUSIMR:2 flood (ModemManager zte plugin, after SIM unlock).
    afterUnlockCommands: ['AT+CPMS?'],
  },
  {
    ...base,
    id: 'quectel',
    family: 'Quectel (EC2x, EG9x, M35, BG96)',
    match: /quectel/i,
    rebootUrcs: [...COMMON_REBOOT],
    powerDownUrcs: ['POWERED DOWN', 'NORMAL POWER DOWN'],
    noiseUrcs: ['+QIND', '+QUSIM', '+CPIN', '+QCSQ', '+CSQN'],
  },
  {
    ...base,
    id: 'simcom',
    family: 'SIMCom (SIM800, SIM900, SIM7600)',
    match: /simcom|sim800|sim900|sim7\d00|sim5\d{3}/i,
    rebootUrcs: [...COMMON_REBOOT, 'Call Ready'],
    powerDownUrcs: ['UNDER-VOLTAGE POWER DOWN', 'OVER-VOLTAGE POWER DOWN', 'NORMAL POWER DOWN'],
    noiseUrcs: ['UNDER-VOLTAGE WARNNING', 'OVER-VOLTAGE WARNNING', 'UNDER-VOLTAGE WARNING', 'OVER-VOLTAGE WARNING', '*PSUTTZ', 'DST', '+CIEV', '+CTZV', 'PB DONE', '+CGREG'],
  },
  {
    ...base,
    id: 'huawei',
    family: 'Huawei (E173, E1550, E3372 stick mode, MU/MC modules)',
    match: /huawei/i,
    rebootUrcs: [...COMMON_REBOOT],
    // Periodic status lines; AT^CURC=0 switches them off (ModemManager huawei plugin).
    noiseUrcs: ['^RSSI', '^DSFLOWRPT', '^HCSQ', '^MODE', '^BOOT', '^SRVST', '^SIMST', '^CSNR', '^SYSINFOEX', '^RFSWITCH', '^NDISSTAT', '^LTERSRP', '^ECCLIST', '^EONS', '^CEND', '^ORIG', '^CONF', '^CONN', '^STIN', '^SMMEMFULL'],
    quietCommands: ['AT^CURC=0'],
  },
  {
    ...base,
    id: 'generic',
    family: 'Generic 3GPP TS 27.005 modem',
    match: null,
    rebootUrcs: [...COMMON_REBOOT],
  },
];

export const GENERIC_PROFILE = PROFILES.find((p) => p.id === 'generic')!;

/** The profile for a modem by what it says about itself; generic when nothing matches. */
export function profileFor(identity: { manufacturer: string | null; model: string | null; ati?: readonly string[] }): ModemProfile {
  const said = [identity.manufacturer, identity.model, ...(identity.ati ?? [])].filter(Boolean).join(' ');
  return PROFILES.find((p) => p.match && p.match.test(said)) ?? GENERIC_PROFILE;
}

export function profileById(id: string): ModemProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}
