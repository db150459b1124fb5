// The modems the emulator can be, as data: what each family answers and how it misbehaves, each
// behaviour with the public source it is taken from (the same sources are cited in docs/modem.md).
// The emulator core (emulator.ts) implements the mechanisms; this table picks them per vendor.

export interface UsbIds {
  vendorId: string;
  productId: string;
  serialNumber?: string;
  /** The AT port's USB interface; other interfaces of the device are listed too (diag, PPP). */
  interface?: string;
  /** A UART module sits behind a USB-serial adapter: that adapter is what the OS lists. */
  otherInterfaces?: string[];
}

export interface BootModel {
  /** After power-up nothing answers for this long. */
  silentMs: number;
  /** Unsolicited lines during boot, at ms after power-up. */
  urcs: Array<[number, string]>;
  /** What AT+CPIN? answers until the SIM is ready, each until its ms. */
  simNotReady: Array<[number, string]>;
  /** SMS commands answer +CMS ERROR: 302 before this. */
  smsReadyMs: number;
}

export interface VendorModel {
  id: 'cinterion' | 'wavecom' | 'zte' | 'quectel' | 'simcom' | 'huawei' | 'generic';
  family: string;
  ati: string[];
  cgmi: string;
  cgmm: string;
  cgmr: string;
  usb: UsbIds;
  /** AT+CNMI=? answer; a setting outside it is refused with +CMS ERROR `cnmiRefusal`. */
  cnmiTest: string;
  cnmiRefusal: number;
  /** AT+CNMI after power-up. */
  cnmiDefault: number[];
  /** AT+CMEE after power-up (0: plain ERROR; a stored profile may say 1). */
  cmeeDefault: number;
  /** AT+CPMS=? answer: one list per parameter the modem takes. */
  cpmsTest: string;
  /** Storage sizes. */
  memories: Record<string, number>;
  cscsTest: string;
  cscsDefault: string;
  csmsTest: string;
  csmsDefault: number;
  /** AT+CPIN? answered without a final OK. */
  cpinWithoutOk?: boolean;
  boot: BootModel;
  /** Periodic unsolicited status lines, and the command that stops them. */
  noise?: { lines: string[]; everyMs: number; offCommand: string; offWhenCpmsRead?: boolean };
  /** Class 0 (flash) SMS go straight to the TE as +CMT whatever <mt> says. */
  class0Direct?: boolean;
  /** Where a report goes when <ds>=2. */
  reportStorage: string;
  /** AT+CMGL works on the report storage. */
  reportStorageListable: boolean;
  /** +CMGR: ,,<length> (no <stat>). */
  cmgrEmptyStat?: boolean;
  /** First slot number. */
  indexBase: number;
  operator: string;
  resetCommand: string;
  /** Lines sent when the supply dips and the module restarts (a reboot with the port open). */
  powerDownLine?: string;
  /** Where each behaviour above comes from. */
  sources: Record<string, string>;
}

const generic: VendorModel = {
  id: 'generic',
  family: 'Generic 3GPP TS 27.005 modem',
  ati: ['Manufacturer: Switchboard', 'Model: Emulated GSM Modem', 'Revision: EMU 1.0'],
  cgmi: 'Switchboard',
  cgmm: 'Emulated GSM Modem',
  cgmr: 'EMU 1.0',
  usb: { vendorId: '1d6b', productId: '0104', serialNumber: 'EMU0001', interface: '00' },
  cnmiTest: '+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)',
  cnmiRefusal: 303,
  cnmiDefault: [0, 0, 0, 0, 0],
  cmeeDefault: 1,
  cpmsTest: '+CPMS: ("SM","ME","SR"),("SM","ME"),("SM","ME")',
  memories: { SM: 30, ME: 30, SR: 20 },
  cscsTest: '+CSCS: ("GSM","IRA","UCS2")',
  cscsDefault: 'GSM',
  csmsTest: '+CSMS: (0,1)',
  csmsDefault: 0,
  boot: { silentMs: 100, urcs: [[100, 'RDY'], [150, '+CFUN: 1'], [400, '+CPIN: READY'], [600, 'SMS Ready']], simNotReady: [[400, '+CPIN: NOT READY']], smsReadyMs: 600 },
  reportStorage: 'SR',
  reportStorageListable: true,
  indexBase: 1,
  operator: 'Emulated Net',
  resetCommand: 'AT+CFUN=1,1',
  sources: { all: '3GPP TS 27.005 / 27.007' },
};

export const VENDORS: Record<VendorModel['id'], VendorModel> = {
  generic,
  cinterion: {
    ...generic,
    id: 'cinterion',
    cmeeDefault: 0,
    family: 'Siemens/Cinterion MC75i',
    ati: ['Cinterion', 'MC75i', 'REVISION 04.004'],
    cgmi: 'Cinterion',
    cgmm: 'MC75i',
    cgmr: 'REVISION 04.004',
    usb: { vendorId: '0403', productId: '6001', serialNumber: 'FTA1B2C3', interface: '00' },
    cnmiTest: '+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)',
    cnmiRefusal: 303,
    cnmiDefault: [0, 0, 0, 0, 1],
    cpmsTest: '+CPMS: ("ME","SM","MT"),("ME","SM","MT"),("SM","MT")',
    memories: { SM: 20, ME: 25 },
    cscsTest: '+CSCS: ("GSM","UCS2")',
    boot: { silentMs: 200, urcs: [[200, '^SYSSTART']], simNotReady: [[700, '+CME ERROR: 14']], smsReadyMs: 900 },
    reportStorage: 'SM',
    sources: {
      cnmi: 'gammu/gammu#1206 and #1207 (MC75i: AT+CNMI=? (0-3),(0,1),(0,2,3),(0,2),(1); AT+CNMI=2,1,0,2,0 refused); ModemManager plugins/cinterion tests (test_cnmi_other)',
      cpms: 'gammu/gammu#1206 (MC75i rejects ME as receive memory; +CPMS=? third list ("SM","MT"))',
      boot: 'ModemManager plugins/cinterion (^SYSSTART unsolicited handler)',
      reports: 'no SR storage is offered (AT+CPMS=?): the emulator keeps <ds>=2 reports in SM (an assumption)',
    },
  },
  wavecom: {
    ...generic,
    id: 'wavecom',
    cmeeDefault: 0,
    family: 'Wavecom/Sierra Fastrack',
    ati: ['WAVECOM MODEM', 'MULTIBAND  900E  1800'],
    cgmi: 'WAVECOM MODEM',
    cgmm: 'MULTIBAND  900E  1800',
    cgmr: '657e09gg.Q2406B 1266500 070703 17:06',
    usb: { vendorId: '067b', productId: '2303', interface: '00' },
    cnmiTest: '+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)',
    cnmiDefault: [0, 1, 0, 0, 0],
    cpmsTest: '+CPMS: ("SM","BM","SR"),("SM")',
    memories: { SM: 30, SR: 10 },
    cpinWithoutOk: true,
    boot: { silentMs: 150, urcs: [[150, '+WIND: 3'], [800, '+WIND: 4']], simNotReady: [[600, '+CME ERROR: 515']], smsReadyMs: 800 },
    resetCommand: 'AT+CFUN=1',
    sources: {
      cpin: 'ModemManager plugins/wavecom: "AT+CPIN? replies will never have an OK appended"; Wavecom GSM Modem user manual §2.3 ("in some cases like AT+CPIN? … the mobile does not finish its response with the string OK")',
      reset: 'forum.sierrawireless.com/t/embedded-application-doesnt-restart-after-cfun-1/1271 (AT+CFUN=1 resets a Fastrack; +WIND: 3 and +WIND: 13 follow)',
      cpms: 'Multi-Tech CDMA Wireless AT Commands (S000294J, Wavecom-based): AT+CPMS=? gives two lists (read/delete, write/send)',
      identity: 'gammu/gammu#218 (AT+CGMM " MULTIBAND  900E  1800 "); Multi-Tech C1 guide (+CGMI: WAVECOM MODEM)',
      wind: 'Wavecom AT Commands Interface Guide WM_DEV_OAT_UGD_049, +WIND: 3 (ready except SMS), +WIND: 4 (init done)',
    },
  },
  zte: {
    ...generic,
    id: 'zte',
    cmeeDefault: 0,
    family: 'ZTE MF180',
    ati: ['Manufacturer: ZTE CORPORATION', 'Model: MF180', 'Revision: BD_MF180V1.0.0B05'],
    cgmi: 'ZTE CORPORATION',
    cgmm: 'MF180',
    cgmr: 'BD_MF180V1.0.0B05',
    usb: { vendorId: '19d2', productId: '0031', serialNumber: 'P671A1ZTED010000', interface: '02', otherInterfaces: ['00', '01', '03'] },
    cnmiTest: '+CNMI: (0-2),(0-1),(0-3),(0,2),(0-1)',
    cpmsTest: '+CPMS: ("SM","ME","SR"),("SM","ME"),("SM","ME")',
    memories: { SM: 30, ME: 100, SR: 10 },
    cscsTest: '+CSCS: ("IRA","GSM","UCS2")',
    cscsDefault: 'UCS2',
    cmgrEmptyStat: true,
    noise: { lines: ['+ZUSIMR:2'], everyMs: 300, offCommand: 'AT+CPMS?', offWhenCpmsRead: true },
    operator: 'MTS RUS',
    reportStorageListable: false,
    sources: {
      cscs: 'gammu/gammu#119 (ZTE MF180: +CSCS: ("IRA","GSM","UCS2")); gammu/gammu#358 and wammu#44 (sticks answering +CSCS: "UCS2", strings in UCS2 hex); ModemManager cf9afc32 (a modem in UCS2 refusing ASCII parameters); 3GPP TS 27.007 §5.5',
      reports: 'gammu/gammu#209 (ZTE MF626: +CDSI: "SR",50); gammu/gammu#759 (+CNMI: (0-2),(0-1),(0-3),(0,2),(0-1): <ds>=1 not offered); gammu/gammu#156 (CMGL does not work on SR)',
      cmgr: 'python-gsmmodem modem.py readStoredSms ("Some modems (ZTE) do not always read return status")',
      noise: 'ModemManager plugins/zte: floods of +ZUSIMR:2 until AT+CPMS? works after SIM unlock',
    },
  },
  quectel: {
    ...generic,
    id: 'quectel',
    cmeeDefault: 0,
    family: 'Quectel EC25',
    ati: ['Quectel', 'EC25', 'Revision: EC25EFAR06A06M4G'],
    cgmi: 'Quectel',
    cgmm: 'EC25',
    cgmr: 'EC25EFAR06A06M4G',
    usb: { vendorId: '2c7c', productId: '0125', serialNumber: '', interface: '02', otherInterfaces: ['00', '01', '03'] },
    cnmiTest: '+CNMI: (0-2),(0-2),(0,2),(0-2),(0,1)',
    cnmiDefault: [2, 1, 0, 0, 0],
    cpmsTest: '+CPMS: ("SM","ME","MT","SR"),("SM","ME","MT"),("SM","ME","MT")',
    memories: { SM: 30, ME: 255, SR: 20 },
    boot: {
      silentMs: 150,
      urcs: [[150, 'RDY'], [400, '+CFUN: 1'], [2000, '+CPIN: READY'], [2100, '+QUSIM: 1'], [2400, '+QIND: SMS DONE'], [2600, '+QIND: PB DONE']],
      simNotReady: [[1200, '+CME ERROR: 10'], [1700, '+CME ERROR: 14'], [2000, '+CPIN: NOT READY']],
      smsReadyMs: 2400,
    },
    sources: {
      boot: 'SeeedJP/WioLTEforArduino#5 (EC21: AT+CPIN? → +CME ERROR: 10, +CME ERROR: 10, +CME ERROR: 14, then +CPIN: READY; RDY, +CFUN: 1, +QUSIM: 1, +QIND: SMS DONE, +QIND: PB DONE; echo back on after an internal restart); ModemManager plugins/quectel (RDY means a reset)',
    },
  },
  simcom: {
    ...generic,
    id: 'simcom',
    cmeeDefault: 0,
    family: 'SIMCom SIM800 on a UART',
    ati: ['SIM800 R14.18'],
    cgmi: 'SIMCOM_Ltd',
    cgmm: 'SIMCOM_SIM800',
    cgmr: 'Revision:1418B04SIM800M32',
    usb: { vendorId: '10c4', productId: 'ea60', serialNumber: '0001', interface: '00' },
    cnmiTest: '+CNMI: (0-3),(0-3),(0-2),(0,1),(0,1)',
    cnmiDefault: [2, 1, 0, 0, 0],
    cpmsTest: '+CPMS: ("SM","ME","SM_P","ME_P","MT"),("SM","ME","SM_P","ME_P","MT"),("SM","ME","SM_P","ME_P","MT")',
    memories: { SM: 30, ME: 50 },
    boot: { silentMs: 100, urcs: [[100, 'RDY'], [200, '+CFUN: 1'], [600, '+CPIN: READY'], [900, 'Call Ready'], [1000, 'SMS Ready']], simNotReady: [[600, '+CPIN: NOT READY']], smsReadyMs: 1000 },
    powerDownLine: 'UNDER-VOLTAGE POWER DOWN',
    reportStorage: 'SM',
    sources: {
      boot: 'SIMCom SIM800 Series AT Command Manual (unsolicited codes RDY, +CFUN: 1, +CPIN: READY, Call Ready, SMS Ready, UNDER-VOLTAGE POWER DOWN); vshymanskyy/TinyGSM#608 ("SMS Ready" means a reset; the module comes back with echo on); TinyGSM#192 (ATI "SIM800 R14.18")',
      defaults: 'SIM800 manual: AT+CNMI default 2,1,0,0,0 (no status reports), AT+CMEE default 0 (plain ERROR)',
    },
  },
  huawei: {
    ...generic,
    id: 'huawei',
    cmeeDefault: 0,
    family: 'Huawei E173',
    ati: ['Manufacturer: huawei', 'Model: E173', 'Revision: 11.126.85.00.209', 'IMEI: 351111111111118', '+GCAP: +CGSM,+DS,+ES'],
    cgmi: 'huawei',
    cgmm: 'E173',
    cgmr: '11.126.85.00.209',
    usb: { vendorId: '12d1', productId: '1436', interface: '02', otherInterfaces: ['00', '01', '03', '04'] },
    cnmiTest: '+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)',
    cpmsTest: '+CPMS: ("ME","MT","SM","SR"),("ME","MT","SM","SR"),("ME","MT","SM","SR")',
    memories: { SM: 20, ME: 100, SR: 20 },
    boot: { silentMs: 200, urcs: [[900, '^BOOT:35323129,0,0,0,26']], simNotReady: [[500, '+CME ERROR: 14']], smsReadyMs: 700 },
    noise: {
      lines: ['^RSSI:17', '^DSFLOWRPT:0000003C,00000000,00000000,0000000000000000,0000000000000000,00000000,00000000', '^HCSQ:"WCDMA",38,30,51', '^BOOT:35323129,0,0,0,26', '^MODE:5,4'],
      everyMs: 200,
      offCommand: 'AT^CURC=0',
    },
    class0Direct: true,
    indexBase: 0,
    sources: {
      noise: 'ModemManager plugins/huawei (^RSSI, ^DSFLOWRPT, ^HCSQ, ^MODE, ^BOOT handlers; AT^CURC=0 to silence); gammu/gammu#138 and #126 (E1752: ^RSSI/^BOOT keep coming while commands time out)',
      hang: 'gammu/gammu#126, #138, #4 (AT interpreter stops answering; "Performing device reset after timeout")',
      index: 'smstools3 doc/configure.html memory_start ("Vodafone Mobile Connect Card starts with 0")',
      class0: '3GPP TS 23.038 §4 (class 0: for immediate display) and 27.005 §3.4.1 (+CMT for messages routed to the TE)',
    },
  },
};

export type VendorId = keyof typeof VENDORS;
export const VENDOR_IDS = Object.keys(VENDORS) as VendorId[];
