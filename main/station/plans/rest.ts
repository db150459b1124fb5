// REST doors of alert plans: `GET /api/v1/plans` lists them, `POST /api/v1/plans/{code}/launch`
// with `{"fields": {"объект": "ПС-12"}, "drill": false}` launches one with the key's user's
// rights. 202 with the broadcast and who was on duty; 403 when every recipient was refused;
// 404 for an unknown code; 400 names the missing field.
import type { StationCore } from '../core.js';
import { StationError } from '../errors.js';
import { sendJson } from '../server/http-routes.js';
import { keyed, type DoorDeps } from '../integrations/api-door.js';
import { readFields } from '../integrations/http-body.js';
import { refusalSentence } from '../integrations/refusals.js';
import { refusedForApi } from '../integrations/rest-send.js';

const LAUNCH_FIELDS = new Set(['fields', 'drill', 'clientRef']);

export function mountPlanRoutes(deps: DoorDeps, add: (method: string, path: string, h: ReturnType<typeof keyed>) => void): void {
  const core: StationCore = deps.core;
  add(
    'GET',
    '/api/v1/plans',
    keyed(deps, ({ res }) => {
      const plans = core.plans!.plans.all().map((p) => ({ id: p.id, code: p.code, name: p.name, kind: p.kind, fields: core.plans!.launcher.fieldsOf(p) }));
      sendJson(res, 200, { plans });
    }),
  );
  add(
    'POST',
    '/api/v1/plans/:code/launch',
    keyed(deps, async ({ req, res, params }, caller) => {
      const body = await readFields(req, deps.maxBodyBytes);
      for (const name of Object.keys(body)) {
        if (!LAUNCH_FIELDS.has(name)) throw new StationError('bad_request', `Unknown field "${name}". Allowed: fields, drill, clientRef.`, name);
      }
      const fields = body.fields ?? {};
      if (typeof fields !== 'object' || Array.isArray(fields) || Object.values(fields as object).some((v) => typeof v !== 'string')) {
        throw new StationError('bad_request', 'Field "fields" must be an object of texts, e.g. {"объект": "ПС-12"}.', 'fields');
      }
      const drill = body.drill === true || body.drill === 'true' || body.drill === '1';
      const clientRef = typeof body.clientRef === 'string' && body.clientRef.length >= 8 ? body.clientRef.slice(0, 64) : undefined;
      const result = core.plans!.launch(caller.actor, { code: decodeURIComponent(params.code!) }, { fields: fields as Record<string, string>, drill, door: 'http', clientRef });
      const refused = refusedForApi(result.refused);
      const onDuty = result.onDuty.map((d) => ({ group: d.groupName, role: d.role, people: d.people.map((p) => ({ name: p.name, phone: p.phone })) }));
      if (result.broadcastId === null) {
        sendJson(res, 403, { error: { code: 'forbidden', message: result.refused.length > 0 ? refusalSentence(result.refused) : 'Nothing was sent.' }, refused, onDuty });
        return;
      }
      const messages = core.store.db
        .prepare(`SELECT id, phone, status FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY id`)
        .all(result.broadcastId) as { id: number; phone: string; status: string }[];
      sendJson(res, 202, { broadcastId: result.broadcastId, recipients: result.recipients, messages, refused, onDuty });
    }),
  );
}
