// What carriers say to a person (a link's state, why an SMS failed, what a probe found), in both
// languages. Carriers keep writing English — into status details, message errors, logs, REST — and
// the control room's boundary tells the dispatcher the same sentence in their language
// (tell-carrier-texts.ts recognises each English sentence by its template here). So a carrier
// that says `carrierText('carrier.smpp.connecting', { address })`, or the very same English
// words, is told in Russian on a Russian desk; a sentence not listed here stays English.
// Templates only: an English renderer may place its params, never compute with them (the
// recogniser reads them back out of the words).
import { entry } from './catalog.js';

type P<K extends string> = Record<K, string | number>;

export const carrierTexts = {
  // --- Simulator ---------------------------------------------------------------------------
  'carrier.sim.up': entry({ en: () => 'Simulated network: virtual employees answer.', ru: () => 'Симулированная сеть: отвечают виртуальные сотрудники.' }),
  'carrier.sim.outage': entry({ en: () => 'Simulated outage.', ru: () => 'Симулированная авария сети.' }),
  'carrier.sim.notStarted': entry({ en: () => 'The simulator is not started.', ru: () => 'Симулятор не запущен.' }),
  'carrier.sim.down': entry({ en: () => 'The simulated network is down.', ru: () => 'Симулированная сеть недоступна.' }),
  'carrier.sim.busy': entry({ en: () => 'Simulated network busy; try again.', ru: () => 'Симулированная сеть занята; повторите.' }),
  'carrier.sim.unreachable': entry({ en: () => 'Subscriber unreachable (simulated).', ru: () => 'Абонент недоступен (симуляция).' }),
  'carrier.stopped': entry({ en: () => 'Stopped.', ru: () => 'Остановлен.' }),

  // --- SMPP ----------------------------------------------------------------------------------
  'carrier.smpp.connecting': entry<P<'address'>>({ en: (p) => `Connecting to ${p.address}…`, ru: (p) => `Подключение к ${p.address}…` }),
  'carrier.smpp.refusedConnection': entry<P<'address' | 'seconds'>>({
    en: (p) => `${p.address} refused the connection: is the SMSC address right and the account active? Reconnecting in ${p.seconds} s.`,
    ru: (p) => `${p.address} не принимает подключение: верен ли адрес SMSC и активна ли учётная запись? Новая попытка через ${p.seconds} с.`,
  }),
  'carrier.smpp.noAnswer': entry<P<'address' | 'ms'>>({
    en: (p) => `No answer from ${p.address} within ${p.ms} ms.`,
    ru: (p) => `${p.address} не ответил за ${p.ms} мс.`,
  }),
  'carrier.smpp.unbind': entry({ en: () => 'The SMSC ended the session (unbind).', ru: () => 'SMSC завершил сеанс (unbind).' }),
  'carrier.smpp.loginRefused': entry<P<'reason'>>({
    en: (p) => `The SMSC refused the login: ${p.reason}. Check system id and password in the carrier settings.`,
    ru: (p) => `SMSC не принял вход: ${p.reason}. Проверьте system id и пароль в настройках канала.`,
  }),
  'carrier.smpp.bindFailed': entry<P<'reason'>>({ en: (p) => `Bind failed: ${p.reason}`, ru: (p) => `Не удалось подключиться (bind): ${p.reason}` }),
  'carrier.smpp.enquireSilent': entry<P<'ms'>>({
    en: (p) => `The SMSC stopped answering enquire_link (no answer in ${p.ms} ms).`,
    ru: (p) => `SMSC перестал отвечать на enquire_link (нет ответа за ${p.ms} мс).`,
  }),
  'carrier.smpp.closed': entry({ en: () => 'The SMSC closed the connection.', ru: () => 'SMSC закрыл соединение.' }),
  'carrier.smpp.reset': entry({ en: () => 'The SMSC reset the connection.', ru: () => 'SMSC сбросил соединение.' }),
  'carrier.smpp.unresolved': entry<P<'host'>>({
    en: (p) => `The SMSC host "${p.host}" could not be resolved: check the address or the internet connection.`,
    ru: (p) => `Адрес SMSC «${p.host}» не найден: проверьте адрес или подключение к интернету.`,
  }),
  'carrier.smpp.connectionError': entry<P<'reason'>>({ en: (p) => `Connection error: ${p.reason}.`, ru: (p) => `Ошибка соединения: ${p.reason}.` }),
  'carrier.smpp.stoppedBeforeAnswer': entry({
    en: () => 'The carrier was stopped before the SMSC answered.',
    ru: () => 'Канал остановлен раньше, чем SMSC ответил.',
  }),
  'carrier.smpp.lostBeforeAnswer': entry<P<'phone'>>({
    en: (p) => `The connection to the SMSC was lost before it answered the SMS to ${p.phone}: it may or may not have been accepted.`,
    ru: (p) => `Связь с SMSC прервалась до ответа на SMS для ${p.phone}: неизвестно, принято ли оно.`,
  }),
  'carrier.smpp.submitTimeout': entry<P<'phone' | 'ms'>>({
    en: (p) => `The SMSC did not answer the SMS to ${p.phone} within ${p.ms} ms: it may or may not have been accepted; listening for a late answer.`,
    ru: (p) => `SMSC не ответил на SMS для ${p.phone} за ${p.ms} мс: неизвестно, принято ли оно; ждём позднего ответа.`,
  }),
  'carrier.smpp.refusedSms': entry<P<'phone' | 'reason'>>({
    en: (p) => `The SMSC refused the SMS to ${p.phone}: ${p.reason}.`,
    ru: (p) => `SMSC отклонил SMS для ${p.phone}: ${p.reason}.`,
  }),
  'carrier.smpp.quiet': entry<P<'seconds'>>({
    en: (p) => `The SMSC answered no submit for ${p.seconds} s though the link was up.`,
    ru: (p) => `SMSC ${p.seconds} с не отвечает на отправку, хотя связь есть.`,
  }),
  'carrier.smpp.commandTimeout': entry<P<'command' | 'ms'>>({
    en: (p) => `The SMSC did not answer ${p.command} within ${p.ms} ms.`,
    ru: (p) => `SMSC не ответил на ${p.command} за ${p.ms} мс.`,
  }),
  'carrier.report.failed': entry<P<'stat'>>({ en: (p) => `The network reports ${p.stat}.`, ru: (p) => `Сеть сообщает: ${p.stat}.` }),
  'carrier.report.failedCode': entry<P<'stat' | 'code'>>({
    en: (p) => `The network reports ${p.stat} (error ${p.code}).`,
    ru: (p) => `Сеть сообщает: ${p.stat} (ошибка ${p.code}).`,
  }),

  // --- HTTP provider -------------------------------------------------------------------------
  'carrier.http.checking': entry<P<'host'>>({ en: (p) => `Checking ${p.host}…`, ru: (p) => `Проверяем ${p.host}…` }),
  'carrier.http.slowDown': entry<P<'status'>>({
    en: (p) => `The provider asks us to slow down (${p.status}).`,
    ru: (p) => `Провайдер просит отправлять медленнее (${p.status}).`,
  }),
  'carrier.http.slowDownRetry': entry<P<'status' | 'seconds'>>({
    en: (p) => `The provider asks us to slow down (${p.status}, retry after ${p.seconds} s).`,
    ru: (p) => `Провайдер просит отправлять медленнее (${p.status}, повтор через ${p.seconds} с).`,
  }),
  'carrier.http.serverError': entry<P<'status' | 'body'>>({
    en: (p) => `The provider had a server error (${p.status}): ${p.body}`,
    ru: (p) => `Ошибка на сервере провайдера (${p.status}): ${p.body}`,
  }),
  'carrier.http.credentials': entry<P<'status'>>({
    en: (p) => `The provider refused our credentials (${p.status}): check the API key or login in the carrier settings.`,
    ru: (p) => `Провайдер не принял учётные данные (${p.status}): проверьте ключ API или логин в настройках канала.`,
  }),
  'carrier.http.credentialsShort': entry<P<'status'>>({
    en: (p) => `The provider refused our credentials (${p.status}).`,
    ru: (p) => `Провайдер не принял учётные данные (${p.status}).`,
  }),
  'carrier.http.refusedSms': entry<P<'phone' | 'status' | 'body'>>({
    en: (p) => `The provider refused the SMS to ${p.phone} (${p.status}): ${p.body}`,
    ru: (p) => `Провайдер отклонил SMS для ${p.phone} (${p.status}): ${p.body}`,
  }),
  'carrier.http.refusedSmsReason': entry<P<'phone' | 'reason'>>({
    en: (p) => `The provider refused the SMS to ${p.phone}: ${p.reason}`,
    ru: (p) => `Провайдер отклонил SMS для ${p.phone}: ${p.reason}`,
  }),
  'carrier.http.answers': entry<P<'host' | 'status'>>({ en: (p) => `${p.host} answers ${p.status}.`, ru: (p) => `${p.host} отвечает ${p.status}.` }),
  'carrier.http.notConfirmed': entry({
    en: () => 'Not confirmed since it went down; used only when no other carrier is up.',
    ru: () => 'Не подтверждён после сбоя; используется, только если другие каналы не работают.',
  }),
  'carrier.http.reportFailed': entry<P<'status'>>({ en: (p) => `The provider reports ${p.status}.`, ru: (p) => `Провайдер сообщает: ${p.status}.` }),
  'carrier.http.reportFailedWhy': entry<P<'status' | 'reason'>>({
    en: (p) => `The provider reports ${p.status} (${p.reason}).`,
    ru: (p) => `Провайдер сообщает: ${p.status} (${p.reason}).`,
  }),

  // --- Health of a lane, the outbox ----------------------------------------------------------
  'carrier.health.lateAnswers': entry({
    en: () => 'Slow: the carrier answers submits, but only after the deadline.',
    ru: () => 'Медленно: канал отвечает на отправку, но уже после срока.',
  }),
  'carrier.health.testing': entry<P<'reason'>>({ en: (p) => `${p.reason} Testing it with one SMS.`, ru: (p) => `${p.reason} Проверяем одним SMS.` }),
  // The same, as its own sentence: told sentence by sentence after a reason that is one itself.
  'carrier.health.testingAlone': entry({ en: () => 'Testing it with one SMS.', ru: () => 'Проверяем одним SMS.' }),
  'carrier.health.stillThrottled': entry({
    en: () => 'The carrier still asks to slow down (throttled).',
    ru: () => 'Канал всё ещё просит отправлять медленнее.',
  }),
  'carrier.health.testUnanswered': entry({ en: () => 'The test SMS got no answer in time.', ru: () => 'Проверочное SMS осталось без ответа.' }),
  'carrier.health.testRefused': entry<P<'reason'>>({ en: (p) => `The test SMS was refused: ${p.reason}`, ru: (p) => `Проверочное SMS отклонено: ${p.reason}` }),
  'carrier.health.unanswered': entry<P<'count'>>({
    en: (p) => `Connected, but the last ${p.count} submits got no answer in time.`,
    ru: (p) => `Связь есть, но последние отправки (${p.count}) остались без ответа.`,
  }),
  'carrier.health.throttled': entry<P<'count' | 'of'>>({
    en: (p) => `The carrier asks to slow down: ${p.count} of the last ${p.of} submits were throttled.`,
    ru: (p) => `Канал просит отправлять медленнее: ${p.count} из последних ${p.of} отправок отложены.`,
  }),
  'carrier.health.failed': entry<P<'count' | 'of'>>({
    en: (p) => `${p.count} of the last ${p.of} submits failed.`,
    ru: (p) => `${p.count} из последних ${p.of} отправок не удались.`,
  }),
  'carrier.health.failedWhy': entry<P<'count' | 'of' | 'reason'>>({
    en: (p) => `${p.count} of the last ${p.of} submits failed (${p.reason}).`,
    ru: (p) => `${p.count} из последних ${p.of} отправок не удались (${p.reason}).`,
  }),
  'carrier.health.slow': entry<P<'time'>>({
    en: (p) => `Slow: the carrier takes ${p.time} to answer a submit.`,
    ru: (p) => `Медленно: канал отвечает на отправку за ${p.time}.`,
  }),
  'carrier.health.quiet': entry<P<'time' | 'waiting'>>({
    en: (p) => `Connected, but no submit answered for ${p.time} (${p.waiting} waiting).`,
    ru: (p) => `Связь есть, но ${p.time} нет ответа ни на одну отправку (ждут: ${p.waiting}).`,
  }),
  // The counts the health board adds after a lane's verdict (health-board.ts).
  'carrier.health.inDoubt': entry<P<'count'>>({
    en: (p) => `${p.count} SMS in doubt (sent, no answer yet).`,
    ru: (p) => `SMS без подтверждения: ${p.count} (отправлены, ответа ещё нет).`,
  }),
  'carrier.health.resent': entry<P<'count'>>({ en: (p) => `${p.count} re-sent after no answer.`, ru: (p) => `Отправлены повторно после молчания: ${p.count}.` }),
  'carrier.health.inDoubtResent': entry<P<'count' | 'resent'>>({
    en: (p) => `${p.count} SMS in doubt (sent, no answer yet); ${p.resent} re-sent after no answer.`,
    ru: (p) => `SMS без подтверждения: ${p.count} (отправлены, ответа ещё нет); отправлены повторно: ${p.resent}.`,
  }),
  'carrier.outbox.noCarrier': entry({
    en: () => 'No carrier is connected that can take this SMS; waiting for one.',
    ru: () => 'Нет подключённого канала, который может взять это SMS; ждём.',
  }),
  'carrier.outbox.expired': entry({ en: () => 'Not sent before its validity ran out.', ru: () => 'Не отправлено до истечения срока.' }),
  'carrier.outbox.inDoubtTwice': entry({
    en: () => 'in doubt twice — no carrier confirmed this SMS. It may have arrived; it is not sent a third time.',
    ru: () => 'дважды без подтверждения — ни один канал не подтвердил это SMS. Возможно, оно дошло; в третий раз не отправляется.',
  }),
  'carrier.outbox.resentSilent': entry<P<'seconds'>>({
    en: (p) => `no answer within ${p.seconds} s of the submit; sent again once.`,
    ru: (p) => `нет ответа за ${p.seconds} с после отправки; отправлено ещё раз.`,
  }),
  'carrier.outbox.resentLost': entry({
    en: () => 'the link was lost before the carrier answered; sent again once.',
    ru: () => 'связь прервалась до ответа канала; отправлено ещё раз.',
  }),
  'carrier.outbox.unresolvedRestart': entry({
    en: () => 'In doubt twice: the carrier never confirmed it, and the station restarted. It may have arrived; not sent a third time.',
    ru: () => 'Дважды без подтверждения: канал его не подтвердил, а станция перезапустилась. Возможно, оно дошло; в третий раз не отправляется.',
  }),
  'carrier.outbox.resentRestart': entry({
    en: () => 'The station restarted while this SMS was in doubt; sent again once.',
    ru: () => 'Станция перезапустилась, пока SMS было без подтверждения; отправлено ещё раз.',
  }),
  'carrier.cancelled': entry<P<'name'>>({ en: (p) => `Cancelled by ${p.name} before it was sent.`, ru: (p) => `Отменено пользователем ${p.name} до отправки.` }),

  // --- GSM modem -----------------------------------------------------------------------------
  'carrier.modem.opening': entry({ en: () => 'Opening the modem port…', ru: () => 'Открываем порт модема…' }),
  'carrier.modem.unreachable': entry<P<'reason' | 'seconds'>>({
    en: (p) => `Cannot reach the modem: ${p.reason}. Retrying in ${p.seconds} s.`,
    ru: (p) => `Нет связи с модемом: ${p.reason}. Новая попытка через ${p.seconds} с.`,
  }),
  'carrier.modem.notConnected': entry<P<'name'>>({ en: (p) => `The modem "${p.name}" is not connected`, ru: (p) => `Модем «${p.name}» не подключён` }),
  'carrier.modem.notConnectedWhy': entry<P<'name' | 'reason'>>({
    en: (p) => `The modem "${p.name}" is not connected: ${p.reason}`,
    ru: (p) => `Модем «${p.name}» не подключён: ${p.reason}`,
  }),
  'carrier.modem.portClosed': entry({ en: () => 'The modem port closed; reopening…', ru: () => 'Порт модема закрылся; открываем снова…' }),
  'carrier.modem.portClosedWhy': entry<P<'reason'>>({
    en: (p) => `The modem port closed (${p.reason}); reopening…`,
    ru: (p) => `Порт модема закрылся (${p.reason}); открываем снова…`,
  }),
  'carrier.modem.cameBack': entry<P<'path' | 'was' | 'usb'>>({
    en: (p) => `The modem came back as ${p.path} (was ${p.was}); found by its USB identity ${p.usb}.`,
    ru: (p) => `Модем вернулся как ${p.path} (был ${p.was}); найден по USB-идентификатору ${p.usb}.`,
  }),
  'carrier.modem.denied': entry({
    en: () => 'The network denied registration: check the SIM and its balance.',
    ru: () => 'Сеть отказала в регистрации: проверьте SIM-карту и её баланс.',
  }),
  'carrier.modem.searching': entry({ en: () => 'The modem is looking for a network.', ru: () => 'Модем ищет сеть.' }),
  'carrier.modem.cmdTimeout': entry<P<'command'>>({ en: (p) => `The modem did not answer ${p.command} in time`, ru: (p) => `Модем не ответил на ${p.command} вовремя` }),
  'carrier.modem.portGone': entry({ en: () => 'The modem port closed; it will be reopened', ru: () => 'Порт модема закрылся; он будет открыт снова' }),
  'carrier.modem.answered': entry<P<'text' | 'command'>>({ en: (p) => `The modem answered ${p.text} to ${p.command}`, ru: (p) => `Модем ответил ${p.text} на ${p.command}` }),
  'carrier.modem.reported': entry<P<'label'>>({ en: (p) => `The modem reported ${p.label}`, ru: (p) => `Модем сообщил: ${p.label}` }),
  'carrier.modem.failure': entry<P<'reason'>>({ en: (p) => `Modem failure: ${p.reason}`, ru: (p) => `Сбой модема: ${p.reason}` }),
  'carrier.modem.notAssigned': entry({ en: () => 'The number is not assigned; check the phone number', ru: () => 'Номер не существует; проверьте номер телефона' }),
  'carrier.modem.barredByOperator': entry({ en: () => 'The operator barred this number', ru: () => 'Оператор заблокировал этот номер' }),
  'carrier.modem.barred': entry({ en: () => 'Calls/SMS to this number are barred', ru: () => 'Звонки и SMS на этот номер запрещены' }),
  'carrier.modem.rejected': entry({ en: () => 'The network rejected the SMS', ru: () => 'Сеть отклонила SMS' }),
  'carrier.modem.outOfService': entry({ en: () => 'The recipient is out of service', ru: () => 'Абонент вне зоны обслуживания' }),
  'carrier.modem.unknownRecipient': entry({ en: () => 'The recipient is unknown to the network', ru: () => 'Сеть не знает такого абонента' }),
  'carrier.modem.networkDown': entry({ en: () => 'The network is out of order', ru: () => 'Сеть не работает' }),
  'carrier.modem.temporary': entry({ en: () => 'Temporary network failure', ru: () => 'Временный сбой сети' }),
  'carrier.modem.congested': entry({ en: () => 'The network is congested', ru: () => 'Сеть перегружена' }),
  'carrier.modem.noSim': entry({ en: () => 'No SIM card in the modem', ru: () => 'В модеме нет SIM-карты' }),
  'carrier.modem.simPin': entry({ en: () => 'The SIM needs its PIN: enter it in the modem settings', ru: () => 'SIM-карта требует PIN: укажите его в настройках модема' }),
  'carrier.modem.simFailed': entry({ en: () => 'The SIM card failed', ru: () => 'Сбой SIM-карты' }),
  'carrier.modem.simBusy': entry({ en: () => 'The SIM card is busy', ru: () => 'SIM-карта занята' }),
  'carrier.modem.simPuk': entry({ en: () => 'The SIM is blocked and needs its PUK', ru: () => 'SIM-карта заблокирована, нужен PUK' }),
  'carrier.modem.wrongPin': entry({ en: () => 'The SIM PIN is wrong', ru: () => 'Неверный PIN SIM-карты' }),
  'carrier.modem.memoryFull': entry({ en: () => 'The SIM message memory is full', ru: () => 'Память сообщений SIM-карты заполнена' }),
  'carrier.modem.noSmsc': entry({ en: () => 'The SIM has no service centre number: set it with AT+CSCA', ru: () => 'На SIM-карте нет номера SMS-центра: задайте его командой AT+CSCA' }),
  'carrier.modem.noService': entry({ en: () => 'The modem has no network service', ru: () => 'У модема нет обслуживания сети' }),
  'carrier.modem.networkTimeout': entry({ en: () => 'The network timed out', ru: () => 'Сеть не ответила вовремя' }),
  'carrier.modem.unknownError': entry({ en: () => 'The modem reported an unknown error', ru: () => 'Модем сообщил о неизвестной ошибке' }),
  'carrier.modem.failed': entry({ en: () => 'The modem failed', ru: () => 'Сбой модема' }),
  // What the driver says while it brings a modem up and keeps it so (docs/modem.md).
  'carrier.modem.starting': entry<P<'why'>>({ en: (p) => `The modem is starting up: ${p.why}. Retrying…`, ru: (p) => `Модем запускается: ${p.why}. Повторяем…` }),
  'carrier.modem.smsNotReady': entry<P<'code'>>({ en: (p) => `the SMS service is not ready yet (${p.code})`, ru: (p) => `SMS-служба ещё не готова (${p.code})` }),
  'carrier.modem.simNotReady': entry<P<'code'>>({ en: (p) => `the SIM is not ready yet (${p.code})`, ru: (p) => `SIM-карта ещё не готова (${p.code})` }),
  'carrier.modem.simNeverReady': entry<P<'why'>>({ en: (p) => `The SIM did not become ready (${p.why}).`, ru: (p) => `SIM-карта так и не стала готова (${p.why}).` }),
  'carrier.modem.tryingAgain': entry({ en: () => 'Trying again.', ru: () => 'Пробуем снова.' }),
  'carrier.modem.simMissing': entry({ en: () => 'No SIM card in the modem: insert one (the station keeps looking).', ru: () => 'В модеме нет SIM-карты: вставьте её (станция продолжает проверять).' }),
  'carrier.modem.simAsks': entry<P<'state'>>({ en: (p) => `The SIM asks for ${p.state}; unlock it in a phone.`, ru: (p) => `SIM-карта просит ${p.state}; разблокируйте её в телефоне.` }),
  'carrier.modem.pinNeeded': entry({ en: () => 'The SIM needs its PIN: enter it in the modem settings.', ru: () => 'SIM-карта требует PIN: укажите его в настройках модема.' }),
  'carrier.modem.pinRejected': entry({
    en: () => 'The SIM rejected the PIN from the settings; correct it (it is not retried, to protect the SIM).',
    ru: () => 'SIM-карта не приняла PIN из настроек; исправьте его (повторно он не вводится, чтобы не заблокировать карту).',
  }),
  'carrier.modem.pukLocked': entry({
    en: () => 'The SIM is blocked (PUK required). Unblock it in a phone with the PUK; the station never tries PUKs.',
    ru: () => 'SIM-карта заблокирована (нужен PUK). Разблокируйте её в телефоне; станция PUK не вводит.',
  }),
  'carrier.modem.restarted': entry<P<'why'>>({ en: (p) => `The modem restarted (${p.why}); setting it up again.`, ru: (p) => `Модем перезапустился (${p.why}); настраиваем заново.` }),
  'carrier.modem.said': entry<P<'line'>>({ en: (p) => `it said "${p.line}"`, ru: (p) => `он сообщил «${p.line}»` }),
  'carrier.modem.echoBack': entry<P<'line'>>({ en: (p) => `its command echo came back ("${p.line}")`, ru: (p) => `вернулось эхо команд («${p.line}»)` }),
  'carrier.modem.poweringDown': entry<P<'line'>>({
    en: (p) => `The modem is powering down (${p.line}); waiting for it to start again.`,
    ru: (p) => `Модем выключается (${p.line}); ждём, когда он запустится снова.`,
  }),
  'carrier.modem.reset': entry<P<'why' | 'command'>>({
    en: (p) => `The modem stopped answering (${p.why}); reset it (${p.command}) and reopening the port.`,
    ru: (p) => `Модем перестал отвечать (${p.why}); сброшен (${p.command}), порт открывается заново.`,
  }),
  'carrier.modem.noAnswers': entry<P<'count'>>({ en: (p) => `${p.count} commands in a row got no answer`, ru: (p) => `команды подряд (${p.count}) остались без ответа` }),
  'carrier.modem.noPing': entry({ en: () => 'it did not answer AT twice', ru: () => 'он дважды не ответил на AT' }),
  'carrier.modem.reinitFailed': entry<P<'reason'>>({
    en: (p) => `Setting the modem up again after its restart failed: ${p.reason}`,
    ru: (p) => `Не удалось заново настроить модем после перезапуска: ${p.reason}`,
  }),
  'carrier.modem.settingsLost': entry<P<'values'>>({
    en: (p) => `The modem had lost its new-message settings (AT+CNMI? said ${p.values}); set them again.`,
    ru: (p) => `Модем потерял настройки уведомлений о новых SMS (AT+CNMI? ответил ${p.values}); заданы снова.`,
  }),
  'carrier.modem.storageFull': entry<P<'used' | 'total'>>({
    en: (p) => `SIM message storage is full (${p.used}/${p.total}); new SMS cannot arrive until it is emptied.`,
    ru: (p) => `Память SMS на SIM-карте заполнена (${p.used}/${p.total}); новые SMS не придут, пока её не освободить.`,
  }),
  'carrier.modem.storageFullReading': entry<P<'used' | 'total'>>({
    en: (p) => `SIM message storage is full (${p.used}/${p.total}); reading it out.`,
    ru: (p) => `Память SMS на SIM-карте заполнена (${p.used}/${p.total}); считываем её.`,
  }),
  'carrier.modem.ackRefused': entry<P<'reason'>>({
    en: (p) => `The modem did not take the acknowledgement (AT+CNMA): ${p.reason}`,
    ru: (p) => `Модем не принял подтверждение (AT+CNMA): ${p.reason}`,
  }),
  'carrier.modem.readFailed': entry<P<'reason'>>({ en: (p) => `Reading SMS from the modem failed: ${p.reason}`, ru: (p) => `Не удалось прочитать SMS из модема: ${p.reason}` }),
  'carrier.modem.notSaved': entry<P<'reason'>>({
    en: (p) => `An incoming SMS could not be saved and stays on the SIM: ${p.reason}`,
    ru: (p) => `Входящее SMS не удалось сохранить, оно остаётся на SIM-карте: ${p.reason}`,
  }),
  'carrier.modem.unreadableNotSaved': entry<P<'reason'>>({
    en: (p) => `An unreadable SMS could not be saved and stays on the SIM: ${p.reason}`,
    ru: (p) => `Нечитаемое SMS не удалось сохранить, оно остаётся на SIM-карте: ${p.reason}`,
  }),
  'carrier.modem.freedSlot': entry<P<'memory' | 'index'>>({
    en: (p) => `Freed ${p.memory} slot ${p.index}, which held an unreadable SMS (kept in the history as received).`,
    ru: (p) => `Освобождена ячейка ${p.index} памяти ${p.memory} с нечитаемым SMS (оно сохранено в истории как получено).`,
  }),
  'carrier.modem.undecodable': entry<P<'reason'>>({
    en: (p) => `An incoming SMS could not be decoded (${p.reason}); it was kept as received.`,
    ru: (p) => `Входящее SMS не удалось разобрать (${p.reason}); оно сохранено как получено.`,
  }),
  'carrier.modem.inDoubt': entry<P<'reason'>>({
    en: (p) => `The modem took the SMS but gave no answer in time; it may have gone out (${p.reason})`,
    ru: (p) => `Модем принял SMS, но не ответил вовремя; возможно, оно отправлено (${p.reason})`,
  }),
  'carrier.modem.partsSent': entry<P<'reason' | 'sent' | 'total'>>({
    en: (p) => `${p.reason} (after ${p.sent} of ${p.total} parts were sent)`,
    ru: (p) => `${p.reason} (после отправки ${p.sent} из ${p.total} частей)`,
  }),
  'carrier.modem.lookAlikes': entry<P<'path' | 'count' | 'paths' | 'usb'>>({
    en: (p) => `its port ${p.path} is gone and ${p.count} ports (${p.paths}) look like it (${p.usb}); choose one in the modem settings`,
    ru: (p) => `его порта ${p.path} больше нет, а похожих портов ${p.count} (${p.paths}) (${p.usb}); выберите порт в настройках модема`,
  }),
  'carrier.modem.ignored': entry<P<'line'>>({ en: (p) => `Ignored unexpected modem output "${p.line}"`, ru: (p) => `Пропущен непонятный ответ модема «${p.line}»` }),
  // A modem without voice (a data stick) refuses caller ID: said once per modem (modem/voice.ts).
  'carrier.modem.callerIdOff': entry<P<'reason'>>({
    en: (p) => `Caller ID could not be switched on (AT+CLIP=1): ${p.reason}`,
    ru: (p) => `Не удалось включить определитель номера (AT+CLIP=1): ${p.reason}`,
  }),
  'carrier.probe.silent': entry<P<'path' | 'baud'>>({
    en: (p) => `Nothing on ${p.path} answered AT at ${p.baud} baud. A USB modem has several ports: try the next one (the AT port, not diagnostics or GPS), or another baud rate.`,
    ru: (p) => `На ${p.path} ничего не ответило на AT при ${p.baud} бод. У USB-модема несколько портов: попробуйте следующий (порт AT-команд, не диагностики и не GPS) или другую скорость.`,
  }),
  'carrier.probe.noSim': entry({
    en: () => 'The modem answers, but there is no SIM card in it. Insert one and probe again.',
    ru: () => 'Модем отвечает, но в нём нет SIM-карты. Вставьте карту и проверьте снова.',
  }),
  'carrier.probe.pin': entry({
    en: () => 'The modem answers; its SIM asks for the PIN. Put the PIN in the route settings ("pin" in config.json); the station enters it once.',
    ru: () => 'Модем отвечает; SIM-карта просит PIN. Укажите PIN в настройках канала («pin» в config.json); станция введёт его один раз.',
  }),
  'carrier.probe.puk': entry({
    en: () => 'The SIM is blocked and needs its PUK. Unblock it in a phone; the station never sends a PUK.',
    ru: () => 'SIM-карта заблокирована, нужен PUK. Разблокируйте её в телефоне; станция PUK не вводит.',
  }),
  'carrier.probe.simNotReady': entry<P<'sim'>>({
    en: (p) => `The modem answers, but the SIM is not ready (${p.sim}). Check the SIM card.`,
    ru: (p) => `Модем отвечает, но SIM-карта не готова (${p.sim}). Проверьте SIM-карту.`,
  }),
  'carrier.probe.notRegistered': entry<P<'registration'>>({
    en: (p) => `The modem and SIM are ready, but it is not registered on a network (${p.registration}). Check the antenna, the SIM's service and its balance.`,
    ru: (p) => `Модем и SIM-карта готовы, но регистрации в сети нет (${p.registration}). Проверьте антенну, услуги SIM-карты и баланс.`,
  }),
  'carrier.probe.noSignal': entry({
    en: () => 'The modem is registered but reports no usable signal. Move it or its antenna and probe again.',
    ru: () => 'Модем зарегистрирован, но сигнала почти нет. Переставьте модем или антенну и проверьте снова.',
  }),
  'carrier.probe.ready': entry<P<'registration' | 'signal'>>({
    en: (p) => `The modem answers, the SIM is ready, it is registered (${p.registration}) with ${p.signal}% signal. It can carry a route.`,
    ru: (p) => `Модем отвечает, SIM-карта готова, регистрация есть (${p.registration}), сигнал ${p.signal}%. Можно использовать как канал.`,
  }),
};
