// The signed-in control room: groups on the left, compose and the board in the middle, the
// live feed on the right (DESIGN §1's "group panels · live reply feed · dispatch board · compose").
import { BoardPanel } from '../features/board/BoardPanel.js';
import { ComposePanel } from '../features/compose/ComposePanel.js';
import { FeedPanel } from '../features/feed/FeedPanel.js';
import { GroupPanel } from '../features/groups/GroupPanel.js';
import { ConfirmForm } from '../features/dispatch/ConfirmForm.js';
import { QuestionsPanel } from '../features/dispatch/QuestionsPanel.js';
import { OrderThread } from '../features/orders/OrderThread.js';
import { AdminPanel } from '../features/admin/AdminPanel.js';
import { IntegrationsPanel } from '../features/integrations/IntegrationsPanel.js';
import { CarriersPanel } from '../features/carriers/CarriersPanel.js';
import { HistoryPanel } from '../features/history/HistoryPanel.js';
import { ContactsPanel } from '../features/contacts/ContactsPanel.js';
import { BillingPanel } from '../features/billing/BillingPanel.js';
import { Header } from './Header.js';
import { useT } from './i18n/index.js';
import { ShortcutLayer } from './ShortcutLayer.js';
import { StationBanners } from './StationBanners.js';
import { shellTestIds } from './testids.js';

export function Shell() {
  const t = useT();
  return (
    <div className="app" data-testid={shellTestIds.shell}>
      <a className="skip-link" href="#compose-text">
        {t('app.skipToCompose')}
      </a>
      <Header />
      <StationBanners showCarriers />
      <main className="layout">
        <GroupPanel />
        {/* Compose and the board first: at 1366×768 they are what must be on screen without
            scrolling; the column scrolls for the rest. */}
        <div className="column-middle">
          <ComposePanel />
          <BoardPanel />
          <QuestionsPanel />
          <ConfirmForm />
        </div>
        <FeedPanel />
      </main>
      <ShortcutLayer />
      <OrderThread />
      <CarriersPanel />
      <AdminPanel />
      <IntegrationsPanel />
      <HistoryPanel />
      <ContactsPanel />
      <BillingPanel />
    </div>
  );
}
