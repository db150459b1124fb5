// A message status as a coloured word; the colour only repeats what the word says.
import type { MessageStatus } from '../../shared/protocol/index.js';
import { useT } from '../app/i18n/index.js';

export function StatusBadge(props: { status: MessageStatus; testId?: string }) {
  const t = useT();
  return (
    <span className={`badge status-${props.status}`} data-testid={props.testId} data-status={props.status}>
      {t(`status.${props.status}`)}
    </span>
  );
}
