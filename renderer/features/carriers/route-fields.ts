// What the route editor asks for, per kind of carrier, as data: the settings config.json has (the
// station checks them with the same schema), with the ones a dispatcher's IT admin needs first
// and the rest under "more settings". Secret fields are typed in and never shown back.
import type { CarrierKind } from '../../../shared/protocol/index.js';
import type { MessageKey } from '../../app/i18n/index.js';

export type FieldType = 'text' | 'number' | 'checkbox' | 'select' | 'secret' | 'json' | 'port';

export interface FieldDef {
  path: string;
  type: FieldType;
  /** For a select: the stored values, each with its label's key (or a literal label). */
  options?: { value: string | number; label: MessageKey | string }[];
  placeholder?: string;
  advanced?: boolean;
  /** Shown only when the other settings say so (an auth kind's own fields). */
  when?: (settings: Record<string, unknown>) => boolean;
}

const authIs = (kind: string) => (s: Record<string, unknown>) => ((s.send as { auth?: { kind?: string } } | undefined)?.auth?.kind ?? 'none') === kind;

export const ROUTE_FIELDS: Record<CarrierKind, readonly FieldDef[]> = {
  smpp: [
    { path: 'host', type: 'text', placeholder: 'smsc.operator.ru' },
    { path: 'port', type: 'number', placeholder: '2775' },
    { path: 'systemId', type: 'text' },
    { path: 'password', type: 'secret' },
    { path: 'sourceAddr', type: 'text', placeholder: 'Dispatch' },
    { path: 'tls', type: 'checkbox' },
    { path: 'window', type: 'number', placeholder: '10' },
    { path: 'systemType', type: 'text', advanced: true },
    {
      path: 'sourceTon',
      type: 'select',
      advanced: true,
      options: [{ value: '', label: 'routes.option.default' }, ...[0, 1, 2, 3, 5].map((v) => ({ value: v, label: `routes.ton.${v}` }))],
    },
    { path: 'sourceNpi', type: 'select', advanced: true, options: [{ value: '', label: 'routes.option.default' }, ...[0, 1].map((v) => ({ value: v, label: `routes.npi.${v}` }))] },
    { path: 'enquireLinkMs', type: 'number', advanced: true, placeholder: '30000' },
    { path: 'responseTimeoutMs', type: 'number', advanced: true, placeholder: '10000' },
  ],
  modem: [
    { path: 'path', type: 'port' },
    { path: 'baudRate', type: 'select', options: [9600, 19200, 38400, 57600, 115200, 230400, 460800].map((v) => ({ value: v, label: String(v) })) },
    { path: 'pin', type: 'secret', placeholder: '1234' },
    { path: 'sendIntervalMs', type: 'number', advanced: true, placeholder: '0' },
  ],
  http: [
    { path: 'send.url', type: 'text', placeholder: 'https://api.provider.ru/sms/send' },
    { path: 'send.method', type: 'select', options: ['POST', 'GET', 'PUT'].map((v) => ({ value: v, label: v })) },
    { path: 'send.contentType', type: 'select', options: ['json', 'form', 'none'].map((v) => ({ value: v, label: v })) },
    {
      path: 'send.auth.kind',
      type: 'select',
      options: [
        { value: 'none', label: 'routes.option.none' },
        { value: 'bearer', label: 'Bearer' },
        { value: 'basic', label: 'Basic' },
        { value: 'header', label: 'Header' },
      ],
    },
    { path: 'send.auth.token', type: 'secret', when: authIs('bearer') },
    { path: 'send.auth.user', type: 'text', when: authIs('basic') },
    { path: 'send.auth.password', type: 'secret', when: authIs('basic') },
    { path: 'send.auth.name', type: 'text', placeholder: 'X-API-Key', when: authIs('header') },
    { path: 'send.auth.value', type: 'secret', when: authIs('header') },
    { path: 'send.messageIdPath', type: 'text', placeholder: 'id' },
    { path: 'from', type: 'text' },
    { path: 'healthUrl', type: 'text', advanced: true },
    { path: 'send.messageIdPattern', type: 'text', advanced: true },
    { path: 'send.errorPath', type: 'text', advanced: true },
    { path: 'send.body', type: 'json', advanced: true },
    { path: 'params', type: 'json', advanced: true },
    { path: 'callback.token', type: 'secret', advanced: true },
  ],
  simulator: [],
};

/** The settings a new route of this kind starts from. */
export function initialSettings(kind: CarrierKind): Record<string, unknown> {
  switch (kind) {
    case 'smpp':
      return { port: 2775, window: 10 };
    case 'modem':
      return { baudRate: 115200 };
    case 'http':
      return { send: { url: '', method: 'POST', contentType: 'json', auth: { kind: 'none' } } };
    default:
      return {};
  }
}
