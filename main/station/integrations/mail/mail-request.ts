// Turns a parsed e-mail into a send through the one door. Addresses at our domains pick the
// recipients: `mail2sms@` takes the #tags in the text (or the group its display name names,
// `=?UTF-8?B?…?= <mail2sms@…>`), `<phone>@` a number, `<group>@` a group by its name — quoted
// (`"Бригада 1"@…`) or encoded-word as mail clients write it — or by the alias an administrator gave
// it (mail-address.ts). A mail that cannot be sent is refused with a MailRefusal whose sentence
// goes back as a bounce.
import type { ParsedMail } from 'mailparser';
import type { StationCore } from '../../core.js';
import type { IntegrationsConfig } from '../config.js';
import type { SendResult } from '../../../../shared/protocol/index.js';
import type { RecipientRequest } from '../../dispatch/recipients.js';
import { tryNormalizePhone } from '../../domain/phone.js';
import { parseTags } from '../../domain/tags.js';
import { StationError } from '../../errors.js';
import type { Caller } from '../api-door.js';
import { callerOf } from '../api-door.js';
import { refusalSentence } from '../refusals.js';
import { smsTextOf } from './mail-text.js';
import { launchPlanByMail } from '../../plans/mail-launch.js';
import { activeUser } from '../../auth/door-check.js';
import { decodeLocalPart, groupForName } from './mail-address.js';

export class MailRefusal extends Error {
  override readonly name = 'MailRefusal';
}

type MailSettings = IntegrationsConfig['smtp'];

/** The recipient part an address at one of our domains asks for, or a refusal sentence. */
export function recipientOf(core: StationCore, settings: MailSettings, address: string): Partial<RecipientRequest> & { viaTags?: true } {
  const at = address.lastIndexOf('@');
  const local = decodeLocalPart(address.slice(0, at));
  const domain = address.slice(at + 1).trim().toLowerCase();
  if (at < 1 || !settings.domains.map((d) => d.toLowerCase()).includes(domain)) {
    throw new MailRefusal(`This station does not take mail for ${address}. Use an address at ${settings.domains.join(', ')}.`);
  }
  if (local.toLowerCase() === 'mail2sms') return { viaTags: true };
  if (/^\+?[\d\-(). ]{10,18}$/.test(local)) {
    const phone = tryNormalizePhone(local);
    if (!phone) throw new MailRefusal(`"${local}" is not a valid phone number. Write it as 79161234567@${domain}.`);
    return { phones: [phone] };
  }
  const group = groupForName(core.store.db, local);
  if (!group) {
    throw new MailRefusal(
      `There is no group "${local}". Use a group's name (quoted when it has spaces: "Бригада 1"@${domain}), its mail alias, a phone number, or mail2sms with #tags.`,
    );
  }
  return { groups: [group.id] };
}

/** The display names the To and Cc headers give this address, decoded. */
function displayNames(mail: ParsedMail, address: string): string[] {
  const lower = address.toLowerCase();
  return [mail.to, mail.cc]
    .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]))
    .flatMap((a) => a.value)
    .filter((v) => (v.address ?? '').toLowerCase() === lower && (v.name ?? '').trim() !== '')
    .map((v) => v.name.trim());
}

/** The user a sender address maps to in config, as a caller with that user's rights. */
export function callerForAddress(core: StationCore, settings: MailSettings, from: string): Caller | null {
  const login = settings.senders[from.toLowerCase()];
  if (!login) return null;
  const user = activeUser(core.store.db, { login });
  if (!user) return null;
  return callerOf({ keyId: 0, prefix: `mail:${from}`, userId: user.id, login: user.login, role: user.role });
}

export function senderRefusal(from: string): MailRefusal {
  return new MailRefusal(
    `Sender ${from || '(none)'} may not send SMS by mail. Ask an administrator to allow this address, or authenticate with an API key.`,
  );
}

/** Builds the request from the mail and sends it; returns the result or throws MailRefusal. */
export function sendMail(core: StationCore, settings: MailSettings, caller: Caller, to: readonly string[], mail: ParsedMail): SendResult {
  for (const address of to) recipientOf(core, settings, address);
  // "!ПС12 Северная" in the subject launches that alert plan instead of sending the text.
  let launched;
  try {
    launched = launchPlanByMail(core, caller.actor, mail.subject, mail.text);
  } catch (err) {
    if (err instanceof StationError) throw new MailRefusal(err.message);
    throw err;
  }
  if (launched) {
    if (launched.broadcastId === null) throw new MailRefusal(launched.refused.length > 0 ? refusalSentence(launched.refused) : 'Nothing was sent.');
    return { broadcastId: launched.broadcastId, recipients: launched.recipients, segments: launched.segments, refused: launched.refused };
  }
  const request: RecipientRequest = { groups: [], contacts: [], phones: [], tags: [] };
  let viaTags = false;
  const named: string[] = [];
  for (const address of to) {
    const part = recipientOf(core, settings, address);
    if (part.viaTags) {
      // `Бригада 1 <mail2sms@…>`: the display name, RFC 2047-decoded by the parser, names the group.
      let byName = 0;
      for (const name of displayNames(mail, address)) {
        const group = groupForName(core.store.db, name);
        if (group) {
          request.groups.push(group.id);
          byName++;
        } else named.push(name);
      }
      if (byName === 0) viaTags = true;
    }
    request.phones.push(...(part.phones ?? []));
    request.groups.push(...(part.groups ?? []));
  }
  // Attachments are never sent; only the subject and the text are.
  const text = smsTextOf(mail.subject, mail.text, mail.html);
  if (viaTags) {
    const tags = parseTags(text);
    const unknown = named.length > 0 ? ` (there is no group "${named[0]}", as the address's name says)` : '';
    if (tags.length === 0) throw new MailRefusal(`mail2sms needs at least one #tag in the subject or the text, e.g. #АварияСервер1${unknown}.`);
    request.tags.push(...tags.filter((t) => core.store.tags.byName(t)));
    if (request.tags.length === 0) throw new MailRefusal(`None of the tags ${tags.map((t) => `#${t}`).join(', ')} exists. Check the spelling${unknown}.`);
  }
  if (text.length === 0) throw new MailRefusal('The mail has no text: write the message in the subject or the body.');
  if (text.length > settings.maxTextChars) {
    throw new MailRefusal(`The mail text is ${text.length} characters after trimming; the limit is ${settings.maxTextChars}. Shorten it.`);
  }
  let result: SendResult;
  try {
    result = core.dispatcher.send(caller.actor, { ...request, text, kind: 'plain', source: 'mail' });
  } catch (err) {
    if (err instanceof StationError) throw new MailRefusal(err.message);
    throw err;
  }
  if (result.broadcastId === null) {
    throw new MailRefusal(result.refused.length > 0 ? refusalSentence(result.refused) : 'Nothing was sent: no recipient was found.');
  }
  return result;
}
