// Raw HTTP/1.1 over a TCP socket, for requests no well-behaved client would send: any Host, any
// Origin (`null`), malformed targets, a ws upgrade with a forged handshake. Resolves with the
// status line and headers the station answered, or `closed` when it hung up without a word.
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface RawAnswer {
  status: number | 'closed';
  head: string;
}

export function rawRequest(
  port: number,
  lines: string[],
  options: { tls?: boolean; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = options.tls
      ? tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false })
      : connect({ host: '127.0.0.1', port });
    let data = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve({ status: m ? Number(m[1]) : 'closed', head: data.split('\r\n\r\n')[0] ?? '' });
    };
    const timer = setTimeout(done, options.timeoutMs ?? 5_000);
    socket.on(options.tls ? 'secureConnect' : 'connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}

/** A ws upgrade handshake with the given Host and Origin (null: header left out). */
export function upgradeLines(host: string, origin: string | null, path = '/ws'): string[] {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...(origin === null ? [] : [`Origin: ${origin}`]),
  ];
}
