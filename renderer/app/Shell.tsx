// The signed-in control room: groups on the left, compose and the board in the middle, the
// live feed on the right (DESIGN §1's "group panels · live reply feed · dispatch board · compose"),
// with resizable columns; the less frequent screens fold into the dock along the bottom.
// A new screen is one line: a panel in the middle column, or a folded <details class="panel">
// in the <Dock>.
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
import { PlansBar } from '../features/plans/PlansBar.js';
import { PlansPanel } from '../features/plans/PlansPanel.js';
import { Dock } from './Dock.js';
import { Header } from './Header.js';
import { useT } from './i18n/index.js';
import { ControlRoomLayout } from './layout/ControlRoomLayout.js';
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
      <ControlRoomLayout
        left={<GroupPanel />}
        middle={
          // Compose and the board first: at 1366×768 they must be on screen without scrolling.
          <>
            <PlansBar />
            <ComposePanel />
            <BoardPanel />
            <QuestionsPanel />
            <ConfirmForm />
          </>
        }
        right={<FeedPanel />}
      />
      <Dock>
        <CarriersPanel />
        <AdminPanel />
        <IntegrationsPanel />
        <HistoryPanel />
        <ContactsPanel />
        <BillingPanel />
        <PlansPanel />
      </Dock>
      <ShortcutLayer />
      <OrderThread />
    </div>
  );
}
