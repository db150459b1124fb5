// Probe, then configure: what the driver chooses from the answers real modems give (answers
// quoted from gammu's tests, gammu/ModemManager issues and vendor manuals; see docs/modem.md).
import { describe, expect, it } from 'vitest';
import { testLists } from '../../main/station/carriers/modem/at-result.js';
import { decodeText, encodeArg } from '../../main/station/carriers/modem/charset.js';
import { inboundIdentity } from '../../main/station/carriers/modem/inbound-identity.js';
import { parseListing } from '../../main/station/carriers/modem/modem-inbox.js';
import { PROFILES, profileFor, GENERIC_PROFILE } from '../../main/station/carriers/modem/profiles.js';
import { chooseCharset, chooseCnmi, chooseSettings, memoryLists, numberLists, type ModemAnswers } from '../../main/station/carriers/modem/settings.js';

const profile = (id: string) => PROFILES.find((p) => p.id === id)!;

function answers(o: Partial<ModemAnswers>): ModemAnswers {
  return { cnmi: null, cpms: null, charsets: null, charset: 'GSM', service: 0, services: [0, 1], ...o };
}

describe('reading test answers', () => {
  it('expands lists as modems print them', () => {
    expect(testLists('+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)')).toEqual([['0', '1', '2', '3'], ['0', '1'], ['0', '2', '3'], ['0', '2'], ['1']]);
    expect(testLists('+CNMI:(2),(0-1,3),(0,2),(0-1),(0)')).toEqual([['2'], ['0', '1', '3'], ['0', '2'], ['0', '1'], ['0']]);
    expect(memoryLists('+CPMS: ("SM", "ME", "SM_P", "ME_P", "MT"), ("SM", "ME"), ("SM")')).toEqual([['SM', 'ME', 'SM_P', 'ME_P', 'MT'], ['SM', 'ME'], ['SM']]);
    // gammu tests/at-cpms-sr: a quote lost by the firmware.
    expect(memoryLists('+CPMS: (ME", "SR"), ("ME", "SR"), ("ME")')).toEqual([['ME', 'SR'], ['ME', 'SR'], ['ME']]);
    // gammu tests/at-cpms-sm/iwow.dump: no lists at all.
    expect(memoryLists('+CPMS: "SM","SM","SM"')).toEqual([['SM'], ['SM'], ['SM']]);
    expect(numberLists(undefined)).toBeNull();
  });
});

describe('AT+CNMI from AT+CNMI=?', () => {
  it.each([
    ['Cinterion MC75i (gammu#1206)', '+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)', 'AT+CNMI=2,1,0,2,1'],
    ['Cinterion PHS8 (ModemManager tests)', '+CNMI: (0,1,2),(0,1),(0,2),(0),(1)', 'AT+CNMI=2,1,0,0,1'],
    ['gammu tests/at-cnmi/01', '+CNMI: (2),(0-1,3),(0,2),(0-1),(0)', 'AT+CNMI=2,1,0,1,0'],
    ['gammu tests/at-cnmi/02', '+CNMI: (0-2),(0,1,3),(0),(0,1),(0,1)', 'AT+CNMI=2,1,0,1,0'],
    ['Qualcomm stick, ds 1 refused (gammu#759)', '+CNMI: (0-2),(0-1),(0-3),(0,2),(0-1)', 'AT+CNMI=2,1,0,2,0'],
    ['only direct delivery', '+CNMI: (0-2),(0,2),(0,2),(0,1),(0,1)', 'AT+CNMI=2,2,0,1,0'],
    ['four parameters', '+CNMI: (0-2),(0-3),(0,2),(0-2)', 'AT+CNMI=2,1,0,1'],
  ])('%s', (_, test, expected) => {
    expect(chooseCnmi(numberLists(test))).toBe(expected);
  });
});

describe('choosing the SMS settings', () => {
  it('gives AT+CPMS as many memories as the modem has parameters (Wavecom: two)', () => {
    const s = chooseSettings(answers({ cpms: memoryLists('+CPMS: ("SM","BM","SR"),("SM")') }), profile('wavecom'));
    expect(s.cpms).toBe('AT+CPMS="SM","SM"');
    expect(s.memories).toEqual(['SM', 'SR']);
  });

  it('takes a receive memory the modem offers (Cinterion MC75i refuses ME there)', () => {
    const s = chooseSettings(answers({ cpms: memoryLists('+CPMS: ("ME","SM","MT"),("ME","SM","MT"),("SM","MT")') }), profile('cinterion'), { storage: 'ME' });
    expect(s.cpms).toBe('AT+CPMS="ME","ME","SM"');
    expect(s.readMemory).toBe('ME');
  });

  it('uses ME when the SIM holds no SMS, and never lists MT beside SM and ME', () => {
    expect(chooseSettings(answers({ cpms: [['ME', 'MT'], ['ME', 'MT'], ['ME', 'MT']] }), GENERIC_PROFILE).cpms).toBe('AT+CPMS="ME","ME","ME"');
    expect(chooseSettings(answers({ cpms: [['SM', 'ME', 'MT', 'SR']] }), GENERIC_PROFILE).memories).toEqual(['SM', 'ME', 'SR']);
  });

  it('asks for phase 2+ (AT+CSMS=1) when SMS can only come as +CMT, so they are acknowledged after commit', () => {
    const direct = chooseSettings(answers({ cnmi: numberLists('+CNMI: (0-2),(0,2),(0,2),(0,1),(0,1)') }), GENERIC_PROFILE);
    expect(direct).toMatchObject({ csmsCommand: 'AT+CSMS=1', acknowledge: true });
    const stored = chooseSettings(answers({ cnmi: numberLists('+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)') }), GENERIC_PROFILE);
    expect(stored).toMatchObject({ csmsCommand: null, acknowledge: false });
    expect(chooseSettings(answers({ service: 1 }), GENERIC_PROFILE).acknowledge).toBe(true);
  });

  it('moves a stick out of UCS2 with the parameter in UCS2, or speaks UCS2 when it will not move', () => {
    expect(chooseCharset('UCS2', ['IRA', 'GSM', 'UCS2'], profile('zte'))).toEqual({ command: 'AT+CSCS="00470053004D"', charset: 'GSM' });
    expect(chooseCharset('GSM', ['IRA', 'GSM', 'UCS2'], profile('zte'))).toBeNull();
    const stuck = chooseSettings(answers({ charset: 'UCS2', charsets: ['UCS2'] }), profile('zte'));
    expect(stuck.cpms).toBe('AT+CPMS="0053004D","0053004D","0053004D"');
  });

  it('tries the chosen AT+CNMI first, then the profile fallbacks', () => {
    expect(chooseSettings(answers({ cnmi: numberLists('+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)') }), profile('cinterion')).cnmi.slice(0, 2)).toEqual(['AT+CNMI=2,1,0,2,1', 'AT+CNMI=2,1,0,0,1']);
    expect(chooseSettings(answers({}), GENERIC_PROFILE).cnmi[0]).toBe('AT+CNMI=2,1,0,1,0');
  });
});

describe('charsets', () => {
  it('reads UCS2 hex answers and leaves plain text alone', () => {
    expect(decodeText('UCS2', '004D0054005300200052005500530020')).toBe('MTS RUS ');
    expect(decodeText('UCS2', '041C0422042100200420041E0421')).toBe('МТС РОС');
    expect(decodeText('UCS2', 'MegaFon')).toBe('MegaFon'); // Huawei answers +COPS in ASCII whatever CSCS says
    expect(decodeText('GSM', '0053004D')).toBe('0053004D');
    expect(encodeArg('UCS2', 'SM')).toBe('0053004D');
    expect(encodeArg('HEX', 'SM')).toBe('534D');
    expect(encodeArg('GSM', 'SM')).toBe('SM');
  });
});

describe('profiles', () => {
  it.each([
    [{ manufacturer: 'Cinterion', model: 'MC75i' }, 'cinterion'],
    [{ manufacturer: 'SIEMENS', model: 'MC35i' }, 'cinterion'],
    [{ manufacturer: 'WAVECOM MODEM', model: 'MULTIBAND  900E  1800' }, 'wavecom'],
    [{ manufacturer: 'ZTE CORPORATION', model: 'MF180' }, 'zte'],
    [{ manufacturer: 'Quectel', model: 'EC25' }, 'quectel'],
    [{ manufacturer: 'SIMCOM_Ltd', model: 'SIMCOM_SIM800' }, 'simcom'],
    [{ manufacturer: 'huawei', model: 'E173' }, 'huawei'],
    [{ manufacturer: 'Telit', model: 'HE910' }, 'generic'],
  ])('%o is %s', (identity, id) => {
    expect(profileFor(identity).id).toBe(id);
  });
});

describe('inbound identity', () => {
  const a = '07919761989901F0040B919700111122F30000520710903000000BC8329BFD06DDDF72363904';
  const b = '07919761989901F0040B919700111122F30000520710903000000CC8329BFD06DDDF72363904AB';
  it('differs for two SMS of one sender in one second, and for one PDU in two slots', () => {
    expect(inboundIdentity('gsm1', [{ memory: 'SM', index: 1, pdu: a }])).not.toBe(inboundIdentity('gsm1', [{ memory: 'SM', index: 2, pdu: b }]));
    expect(inboundIdentity('gsm1', [{ memory: 'SM', index: 1, pdu: a }])).not.toBe(inboundIdentity('gsm1', [{ memory: 'SM', index: 2, pdu: a }]));
  });
  it('is the same when the same SMS is read again from its slot, and names where it came from', () => {
    const one = inboundIdentity('gsm1', [{ memory: 'SM', index: 3, pdu: a }, { memory: 'SM', index: 4, pdu: b }]);
    expect(inboundIdentity('gsm1', [{ memory: 'SM', index: 3, pdu: a.toLowerCase() }, { memory: 'SM', index: 4, pdu: b }])).toBe(one);
    expect(one).toMatch(/^gsm1\/SM3\+SM4\/[0-9a-f]{24}$/);
    expect(inboundIdentity('gsm1', [{ pdu: a }])).toMatch(/^gsm1\/direct\//);
  });
});

describe('storage listings', () => {
  it('keeps an entry whose PDU line is missing, so it can be looked at', () => {
    expect(parseListing(['+CMGL: 1,1,,23', '0791AA', '+CMGL: 4,1,,0', '+CMGL: 5,0,,23', '0791BB'])).toEqual([
      { index: 1, pdu: '0791AA' },
      { index: 4, pdu: null },
      { index: 5, pdu: '0791BB' },
    ]);
  });
});
