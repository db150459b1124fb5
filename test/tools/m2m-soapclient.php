<?php
// A second outside SOAP client for the MTS-compatible door: PHP's own SoapClient (Debian's
// php-soap), used the way the published PHP clients use it — `new SoapClient(WSDL_URL, options)`,
// then `$client->Method(['param' => …])`, a SoapFault caught and its message read. One process runs
// a batch read as JSON on stdin:
//   {"wsdl": URL, "options": {"soap_version": 2, "stream_context_header": "Authorization: Bearer …"},
//    "calls": [{"op": "SendMessage", "args": {...}}]}
// and prints one JSON line per call: {"ok": result} | {"fault": message, "code": faultcode,
// "detail": detail, "status": http status of the answer}.
$job = json_decode(stream_get_contents(STDIN), true);
$opts = ['trace' => 1, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE, 'connection_timeout' => 20];
$o = $job['options'] ?? [];
if (isset($o['soap_version'])) $opts['soap_version'] = $o['soap_version'] == 2 ? SOAP_1_2 : SOAP_1_1;
if (isset($o['location'])) $opts['location'] = $o['location'];
$http = [];
if (isset($o['stream_context_header'])) $http['header'] = $o['stream_context_header'];
$ssl = [];
if (isset($o['cafile'])) $ssl = ['cafile' => $o['cafile'], 'verify_peer' => true, 'verify_peer_name' => true];
if ($http || $ssl) $opts['stream_context'] = stream_context_create(array_filter(['http' => $http, 'ssl' => $ssl]));
try {
    $client = new SoapClient($job['wsdl'], $opts);
} catch (Throwable $e) {
    fwrite(STDERR, 'SoapClient: ' . $e->getMessage() . "\n");
    exit(2);
}
foreach ($job['calls'] as $call) {
    try {
        $result = $client->__soapCall($call['op'], [$call['args'] ?? []]);
        echo json_encode(['ok' => $result], JSON_UNESCAPED_UNICODE), "\n";
    } catch (SoapFault $f) {
        $head = $client->__getLastResponseHeaders() ?? '';
        preg_match('#^HTTP/\S+ (\d+)#', $head, $m);
        echo json_encode([
            'fault' => $f->getMessage(),
            'code' => $f->faultcode ?? null,
            'detail' => isset($f->detail) ? $f->detail : null,
            'status' => isset($m[1]) ? (int)$m[1] : null,
        ], JSON_UNESCAPED_UNICODE), "\n";
    }
}
