// What the station says about the control room's own actions: moving and cancelling broadcasts,
// editing people and groups, configuring carriers and doors. Spread into messages.ts, so the
// catalog stays one map while this part changes without touching everyone's hot spot.
import { entry } from './catalog.js';

export const controlRoomMessages = {
  'send.rescheduleNotAuthor': entry({
    en: () => 'Only its author or an administrator can move this broadcast to another time.',
    ru: () => 'Перенести эту рассылку может только её автор или администратор.',
  }),
  'send.rescheduleStarted': entry<{ id: number }>({
    en: (p) => `Broadcast ${p.id} is already going out; only a broadcast that has not started can be moved. Cancel what is still queued instead.`,
    ru: (p) => `Рассылка ${p.id} уже отправляется; перенести можно только ту, что ещё не началась. Отмените то, что осталось в очереди.`,
  }),
  'send.rescheduleCancelled': entry<{ id: number }>({
    en: (p) => `Broadcast ${p.id} was cancelled; there is nothing left to move.`,
    ru: (p) => `Рассылка ${p.id} отменена; переносить нечего.`,
  }),
};
