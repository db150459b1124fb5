// What of an e-mail becomes the SMS: the subject and the plain body, with the parts a monitor or
// a person adds around the point trimmed away — signatures, quoted replies, forwarded headers.

const CUT_LINES = [
  /^-- ?$/, // RFC 3676 signature separator
  /^_{5,}$/, // Outlook's line before its quoted header
  /^-{3,}\s*(Original Message|Исходное сообщение|Forwarded message|Пересылаемое сообщение)\s*-{3,}/i,
  /^On .{1,200} wrote:$/,
  /^.{1,200}(писал|написал)\(а\)?:$/,
  /^(Sent from my|Отправлено с)\b/i,
];

/** Body text with the signature, the quoted reply and trailing blank lines removed. */
export function trimBody(body: string): string {
  const kept: string[] = [];
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const bare = line.trimEnd();
    if (CUT_LINES.some((re) => re.test(bare.trim()))) break;
    if (/^\s*>/.test(bare)) continue;
    kept.push(bare);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** HTML as text, for mail with no plain part: block ends become line breaks, tags go. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Subject (without Re:/Fwd:) and trimmed body joined; either may be empty. */
export function smsTextOf(subject: string | undefined, text: string | undefined, html: string | false | undefined): string {
  const subj = (subject ?? '').replace(/^\s*((re|fwd?|ответ|пересл)\s*:\s*)+/i, '').trim();
  const plain = text && text.trim() ? text : html ? htmlToText(html) : '';
  const body = trimBody(plain);
  return [subj, body].filter(Boolean).join('\n');
}
