# An outside client for the MTS-compatible door, judged by the operator's published WSDL
# (test/fixtures/mts-m2m_api.wsdl). One process runs a whole batch, read as JSON on stdin:
#   {"wsdl": PATH, "address": URL, "cafile": PEM (for https, optional), "calls": [CALL, ...]}
# A CALL is either a python3-zeep call on one of the WSDL's bindings, as a program generated from
# it would make it:
#   {"via": "Soap" | "Soap12" | "HttpGet" | "HttpPost", "op": NAME, "args": {...}, "headers": {...}}
# or a plain HTTP request to the operation's .asmx path, as curl or a PHP script would send it:
#   {"via": "get" | "post", "op": NAME, "pairs": [[name, value], ...], "charset": "cp1251", "headers": {...}}
# Every answer that is not a fault is validated against the published schema (lxml XMLSchema over
# the WSDL's <s:schema>): the SOAP Body's response element, or the bare .asmx document. One JSON
# line per call: {"ok": result, "valid": true | "<schema error>", "status": 200, "xml": text}
# | {"fault": text, "code": ..., "detail": xml, "status": 500} | {"error": text, "status": ...}.
import json
import sys
import urllib.parse

import requests
import zeep
from lxml import etree
from zeep.helpers import serialize_object
from zeep.plugins import HistoryPlugin
from zeep.transports import Transport

SERVICE = 'MTS_x0020_Communicator_x0020_M2M_x0020_XML_x0020_API'
BINDINGS = {name: '{http://mcommunicator.ru/M2M}%s%s' % (SERVICE, name) for name in ('Soap', 'Soap12', 'HttpGet', 'HttpPost')}
XS = '{http://www.w3.org/2001/XMLSchema}'

job = json.load(sys.stdin)
session = requests.Session()
if job.get('cafile'):
    # Trust exactly that certificate; REQUESTS_CA_BUNDLE in the environment would otherwise win.
    session.trust_env = False
    session.verify = job['cafile']
last = {}
session.hooks['response'].append(lambda r, *a, **k: last.__setitem__('response', r))
history = HistoryPlugin()
client = zeep.Client(job['wsdl'], transport=Transport(session=session, timeout=30, operation_timeout=30), plugins=[history])
services = {name: client.create_service(qname, job['address']) for name, qname in BINDINGS.items()}

# The published schema, as an XSD of its own, to judge every answer by.
wsdl_doc = etree.parse(job['wsdl'])
schema_el = wsdl_doc.find('.//' + XS + 'schema')
schema = etree.XMLSchema(etree.fromstring(etree.tostring(schema_el)))


def validate(element):
    doc = etree.fromstring(etree.tostring(element))
    if schema.validate(doc):
        return True
    return str(schema.error_log.last_error)


def plain(value):
    value = serialize_object(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, 'isoformat'):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode('utf-8', 'replace')
    return value


def soap_body_child(envelope):
    body = envelope.find('{http://schemas.xmlsoap.org/soap/envelope/}Body')
    if body is None:
        body = envelope.find('{http://www.w3.org/2003/05/soap-envelope}Body')
    return body[0] if body is not None and len(body) else None


def zeep_call(call):
    result = getattr(services[call['via']], call['op'])(**call.get('args', {}))
    out = {'ok': plain(result)}
    if call['via'] in ('Soap', 'Soap12'):
        child = soap_body_child(history.last_received['envelope'])
        out['valid'] = validate(child) if child is not None else 'no body'
    else:
        out['valid'] = validate(etree.fromstring(last['response'].content))
    return out


def http_call(call):
    url = '%s/%s' % (job['address'], call['op'])
    charset = call.get('charset', 'utf-8')
    query = urllib.parse.urlencode([tuple(p) for p in call.get('pairs', [])], encoding=charset)
    headers = dict(call.get('headers', {}))
    if call['via'] == 'get':
        response = session.get(url + ('?' + query if query else ''), headers=headers, timeout=30)
    else:
        headers.setdefault('Content-Type', 'application/x-www-form-urlencoded; charset=%s' % charset)
        response = session.post(url, data=query.encode('ascii'), headers=headers, timeout=30)
    out = {'status': response.status_code, 'xml': response.text}
    if response.status_code != 200:
        out['fault'] = response.text
        return out
    if not response.content:
        out['ok'] = None
        out['valid'] = True
        return out
    root = etree.fromstring(response.content)
    out['valid'] = validate(root)
    out['ok'] = True
    return out


for call in job['calls']:
    session.headers.clear()
    session.headers.update(call.get('headers', {}) if call['via'] not in ('get', 'post') else {})
    try:
        out = http_call(call) if call['via'] in ('get', 'post') else zeep_call(call)
    except zeep.exceptions.Fault as fault:
        detail = etree.tostring(fault.detail, encoding='unicode') if fault.detail is not None else None
        out = {'fault': plain(fault.message), 'code': str(fault.code), 'detail': detail}
    except zeep.exceptions.TransportError as err:
        out = {'error': str(err.message), 'status': err.status_code, 'body': (err.content or b'').decode('utf-8', 'replace')}
    except Exception as err:  # a client-side failure to read our answer is a finding, not a crash
        out = {'error': '%s: %s' % (type(err).__name__, err)}
    print(json.dumps(out, ensure_ascii=False), flush=True)
