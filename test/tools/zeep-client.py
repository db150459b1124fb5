# An outside SOAP client for the MTS-compatible door: Debian's python3-zeep reads the served WSDL
# and calls what the test asks, printing one JSON line per call. Usage:
#   zeep-client.py WSDL_URL LOGIN MD5 CALLS_JSON     (CALLS_JSON: [["SendMessage", {...}], ...])
import json
import sys

import zeep
from zeep.helpers import serialize_object

wsdl, login, password, calls = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
client = zeep.Client(wsdl)
service = client.bind('MTS_x0020_Communicator_x0020_M2M_x0020_XML_x0020_API',
                      'MTS_x0020_Communicator_x0020_M2M_x0020_XML_x0020_APISoap')
for name, args in calls:
    try:
        if name == 'SendMessages':
            args = dict(args, msids={'string': args['msids']})
        if name == 'GetMessages' and 'subscriberMsids' in args:
            args = dict(args, subscriberMsids={'string': args['subscriberMsids']})
        result = getattr(service, name)(login=login, password=password, **args)
        print(json.dumps({'ok': serialize_object(result)}, default=str, ensure_ascii=False))
    except zeep.exceptions.Fault as fault:
        print(json.dumps({'fault': fault.message, 'code': fault.code}, ensure_ascii=False))
