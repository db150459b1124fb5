// The history screen in the dock: search, views, Excel export (issue 7 items 1–3).
import { useT } from '../../app/i18n/index.js';
import { HistoryScreen } from './HistoryScreen.js';
import { RecordsPanel } from './RecordsPanel.js';
import { historyTestIds as ids } from './testids.js';
import './history.css';

export function HistoryPanel() {
  const t = useT();
  return (
    <RecordsPanel tab="history" heading={t('history.heading')} testId={ids.panel}>
      {() => <HistoryScreen />}
    </RecordsPanel>
  );
}
