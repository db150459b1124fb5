#!/usr/bin/python3
# Gammu as an independent PDU implementation for cross-checking our codec (python3-gammu).
# stdin: JSON {"decode": [hex, ...]} or {"encode": {"text", "number", "layout", "unicode", "ref16", "report"}}
# stdout: JSON. Run with Debian's /usr/bin/python3, where python3-gammu lives.
import binascii
import datetime
import json
import sys

import gammu


def plain(sms):
    udh = sms.get('UDH') or {}
    def ts(v):
        return v.isoformat() if isinstance(v, datetime.datetime) else None
    return {
        'type': sms.get('Type'),
        'number': sms.get('Number'),
        # Gammu 1.42 reads GSM-7 text with extension characters as many characters as there are
        # septets: a NUL and leftover buffer follow the real text (its own PDUs too). Cut there.
        'text': (sms.get('Text') or '').split('\x00')[0],
        'coding': sms.get('Coding'),
        'udhType': udh.get('Type'),
        'id8': udh.get('ID8bit'),
        'id16': udh.get('ID16bit'),
        'part': udh.get('PartNumber'),
        'parts': udh.get('AllParts'),
        'mr': sms.get('MessageReference'),
        'deliveryStatus': sms.get('DeliveryStatus'),
        'dateTime': ts(sms.get('DateTime')),
        'smscDateTime': ts(sms.get('SMSCDateTime')),
        'smsc': (sms.get('SMSC') or {}).get('Number'),
    }


def encode(req):
    long = len(req['text']) > 0
    entry = 'ConcatenatedTextLong16bit' if req.get('ref16') else 'ConcatenatedTextLong'
    parts = gammu.EncodeSMS({'Class': -1, 'Unicode': bool(req.get('unicode')), 'Entries': [{'ID': entry, 'Buffer': req['text']}]})
    out = []
    for sms in parts:
        sms['Number'] = req['number']
        sms['SMSC'] = {'Location': 0, 'Number': req.get('smsc', '')}
        sms['Folder'] = 0
        sms['Location'] = 0
        sms['MessageReference'] = 0
        sms['Type'] = req.get('layout', 'Submit')
        if req.get('layout') == 'Deliver':
            sms['DateTime'] = datetime.datetime(2025, 1, 2, 3, 4, 5)
            sms['SMSCDateTime'] = datetime.datetime(2025, 1, 2, 3, 4, 5)
        out.append(binascii.hexlify(gammu.EncodePDU(sms, req.get('layout', 'Submit'))).decode().upper())
    return out


req = json.load(sys.stdin)
if 'decode' in req:
    result = []
    for hex_pdu in req['decode']:
        try:
            result.append(plain(gammu.DecodePDU(binascii.unhexlify(hex_pdu), True)))
        except Exception as e:  # report per PDU, keep going
            result.append({'error': str(e)})
    json.dump(result, sys.stdout, ensure_ascii=False)
else:
    json.dump(encode(req['encode']), sys.stdout)
