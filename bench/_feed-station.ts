// A station-like mock for the feed bench: serves the built renderer over http and speaks the real
// control-room protocol over ws (frames shaped by shared/protocol, which the renderer validates
// with zod), with a snapshot of N messages and an injector that pushes replies at a steady rate.
// The real station would spend the bench's time in SQLite and the simulator; this measures the
// renderer alone.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MessageView, Snapshot, UserView } from '../shared/protocol/index.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const USER: UserView = { id: 1, login: 'bench', name: 'Диспетчер', role: 'dispatcher', locale: 'ru' };
const NAMES = ['Иванов Андрей', 'Петров Сергей', 'Смирнова Ольга', 'Кузнецов Иван', 'Попов Павел', 'Лебедев Артём'];
const REPLIES = ['1', 'принял', 'Принял, выезжаю', '#4711 готово', 'Буду через 40 минут', 'ок #авария'];

export function benchMessage(id: number, at: number, direction: 'in' | 'out'): MessageView {
  const text = direction === 'in' ? REPLIES[id % REPLIES.length]! : `Авария на ПС-${id % 40}, всем на связь #авария`;
  return {
    id,
    direction,
    broadcastId: direction === 'out' || id % 4 !== 0 ? 1 + (id % 20) : null,
    replyTo: null,
    contactId: 1 + (id % 300),
    contactName: NAMES[id % NAMES.length]!,
    phone: `+7916${String(1000000 + (id % 300))}`,
    text,
    tags: text.includes('#авария') ? ['авария'] : text.includes('#4711') ? ['4711'] : [],
    segments: 1,
    status: direction === 'in' ? 'received' : 'delivered',
    error: null,
    carrier: 'sim',
    createdAt: at,
    updatedAt: at,
  };
}

export interface FeedStation {
  url: string;
  /** Push `perSecond` new replies a second for `seconds`; resolves when the last went out. */
  inject(perSecond: number, seconds: number): Promise<number>;
  close(): Promise<void>;
}

export async function startFeedStation(root: string, initial: number): Promise<FeedStation> {
  const now = Date.now();
  const feed: MessageView[] = [];
  for (let id = 1; id <= initial; id++) feed.push(benchMessage(id, now - (initial - id) * 500, id % 3 === 0 ? 'in' : 'out'));
  feed.reverse(); // Newest first, as the station sends it.
  const snapshot: Snapshot = {
    version: 'bench',
    user: USER,
    groups: [
      { id: 1, parentId: null, name: 'Энергосеть', memberCount: 0, totalCount: 300 },
      { id: 2, parentId: 1, name: 'Северный РЭС', memberCount: 150, totalCount: 150 },
      { id: 3, parentId: 1, name: 'Южный РЭС', memberCount: 150, totalCount: 150 },
    ],
    contacts: [],
    tags: [{ id: 1, name: 'авария', subscribers: 40, selfService: true }],
    broadcasts: [],
    feed,
    carriers: [{ id: 'sim', kind: 'simulator', name: 'Simulator', state: 'up', detail: null, signal: null, operator: null, queue: 0, sentToday: 0 }],
  };
  const snapshotJson = JSON.stringify(snapshot);
  let nextId = initial + 1;
  const sockets = new Set<WebSocket>();

  const http: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw) => {
      const { id, method } = JSON.parse(raw.toString()) as { id: number; method: string };
      const ok = (value: unknown) => ws.send(JSON.stringify({ id, ok: true, value }));
      if (method === 'login' || method === 'resume') ok({ token: 'bench-token', user: USER });
      else if (method === 'snapshot') ws.send(`{"id":${id},"ok":true,"value":${snapshotJson}}`);
      else ws.send(JSON.stringify({ id, ok: false, error: { code: 'bad_request', message: `Not in the bench: ${method}` } }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    inject: (perSecond, seconds) =>
      new Promise((resolve) => {
        // One frame per message, as the station sends them; paced by the clock, not by timer ticks.
        const started = Date.now();
        const total = perSecond * seconds;
        let sent = 0;
        const timer = setInterval(() => {
          const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * perSecond));
          for (; sent < due; sent++) {
            const frame = JSON.stringify({ event: 'message.created', data: benchMessage(nextId++, Date.now(), 'in') });
            for (const ws of sockets) ws.send(frame);
          }
          if (sent >= total) {
            clearInterval(timer);
            resolve(sent);
          }
        }, 10);
      }),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}
