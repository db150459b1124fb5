// The operator's M2M contract as data: every operation of the MTS Communicator M2M XML API
// (`m2m_api.asmx`, namespace http://mcommunicator.ru/M2M) with its parameters in the published
// order, their XSD types, minOccurs and nillable, the result element, and the complex and simple
// types. The served WSDL, the SOAP and .asmx argument readers and the result serializer are all
// driven by this one table, so the document and the behaviour cannot drift apart; a unit test holds
// the rendered WSDL against the published one (test/fixtures/mts-m2m_api.wsdl).

export const M2M_NS = 'http://mcommunicator.ru/M2M';
export const SERVICE = 'MTS_x0020_Communicator_x0020_M2M_x0020_XML_x0020_API';

/** One element of a sequence. `type` is `s:…` (XSD) or `tns:…` (this schema). */
export interface Field {
  name: string;
  type: string;
  min: 0 | 1;
  many?: true;
  nillable?: true;
}

export interface Operation {
  name: string;
  params: Field[];
  /** The `…Result` element; null when the response element is empty (DeleteUser, CreateMailing, …). */
  result: Field | null;
}

const f = (name: string, type: string, min: 0 | 1 = 0, extra: Partial<Field> = {}): Field => ({ name, type, min, ...extra });
const s = (name: string) => f(name, 's:string');
const list = (name: string, type: string, nillable = true): Field => ({ name, type, min: 0, many: true, ...(nillable ? { nillable: true } : {}) });
const AUTH = [s('login'), s('password')];
const ids = (op: string): Field => f(`${op}Result`, 'tns:ArrayOfSendMessageIDs');

export const COMPLEX_TYPES: Record<string, Field[]> = {
  ArrayOfString: [list('string', 's:string')],
  ArrayOfSendMessageIDs: [list('SendMessageIDs', 'tns:SendMessageIDs')],
  SendMessageIDs: [s('Msid'), f('MessageID', 's:long', 1)],
  ArrayOfSubmit: [list('Submit', 'tns:Submit')],
  Submit: [s('Msid'), s('Message')],
  ArrayOfDeliveryInfo: [list('DeliveryInfo', 'tns:DeliveryInfo')],
  DeliveryInfo: [
    s('Msid'),
    f('DeliveryStatus', 'tns:DeliveryStatus', 1),
    f('DeliveryDate', 's:dateTime', 1),
    f('UserDeliveryDate', 's:dateTime', 1, { nillable: true }),
    f('PartCount', 's:int', 1),
  ],
  ArrayOfLong: [list('long', 's:long', false)],
  ArrayOfMessageStatusWithID: [list('MessageStatusWithID', 'tns:MessageStatusWithID')],
  MessageStatusWithID: [f('MessageID', 's:long', 1), f('Delivery', 'tns:ArrayOfDeliveryInfo')],
  ArrayOfMessageInfo: [list('MessageInfo', 'tns:MessageInfo')],
  MessageInfo: [
    f('MessageID', 's:long', 1),
    f('CreationDate', 's:dateTime', 1),
    s('SenderMsid'),
    s('SenderName'),
    f('DeliveryInfo', 'tns:ArrayOfDeliveryInfoExt'),
    f('MessageType', 'tns:MessageType', 1),
    s('MessageText'),
  ],
  ArrayOfDeliveryInfoExt: [list('DeliveryInfoExt', 'tns:DeliveryInfoExt')],
  DeliveryInfoExt: [
    s('TargetMsid'),
    f('DeliveryStatus', 'tns:DeliveryStatus', 1),
    f('DeliveryDate', 's:dateTime', 1),
    s('TargetName'),
    f('UserDeliveryDate', 's:dateTime', 1, { nillable: true }),
  ],
  StatisticsInfo: [
    f('Year', 's:int', 1),
    f('Month', 's:unsignedByte', 1),
    ...[
      'PacketSize', 'IncludedSMS', 'ExtraSMS', 'Remainder',
      'ExternalPacketSize', 'ExternalIncludedSms', 'ExternalExtraSms', 'ExternalReminder',
      'GeneralPacketSize', 'GeneralIncludedSms', 'GeneralExtraSms', 'GeneralReminder',
      'MTSRemainder', 'MegafonRemainder', 'BeelineRemainder', 'RostelecomRemainder', 'Tele2Remainder', 'MotivRemainder',
      'MtsTransactional', 'MegafonTransactional', 'BeelineTransactional', 'Tele2Transactional',
      'MtsService', 'MegafonService', 'BeelineService', 'Tele2Service', 'TotalBilledSms',
    ].map((n) => f(n, 's:int', 1)),
  ],
  ArrayOfMailingListContact: [list('MailingListContact', 'tns:MailingListContact')],
  MailingListContact: [s('Msid'), s('Name'), f('Attributes', 'tns:ArrayOfMailingListAttribute')],
  ArrayOfMailingListAttribute: [list('MailingListAttribute', 'tns:MailingListAttribute')],
  MailingListAttribute: [s('Name'), s('Value')],
  ArrayOfResultMailingList: [list('ResultMailingList', 'tns:ResultMailingList')],
  ResultMailingList: [f('ID', 's:long', 1), s('Name')],
  ArrayOfSubscriberGroupInfo: [list('SubscriberGroupInfo', 'tns:SubscriberGroupInfo')],
  SubscriberGroupInfo: [f('ID', 's:long', 1), s('Name'), f('Color', 's:int', 1)],
  ArrayOfUserInfo: [list('UserInfo', 'tns:UserInfo')],
  UserInfo: [
    s('Name'),
    s('Msid'),
    s('Email'),
    f('GroupID', 's:long', 1),
    f('WebAccessEnabled', 's:boolean', 1, { nillable: true }),
    f('AccessLevel', 'tns:AccessLevel', 1, { nillable: true }),
  ],
};

export const ENUMS: Record<string, string[]> = {
  DeliveryStatus: ['Pending', 'Sending', 'Sent', 'NotSent', 'Delivered', 'NotDelivered', 'TimedOut', 'Error', 'Cancelled'],
  RequestMessageType: ['All', 'MO', 'MT'],
  MessageType: ['MO', 'MT', 'Mailing'],
  AccessLevel: ['Administrator', 'Operator', 'BaseUser'],
};

const DATE = f('scheduledSendDate', 's:dateTime', 1);
const MSIDS = f('msids', 'tns:ArrayOfString');

/** In the published order; parameters in the published order (SendMessagesWithValidityPeriod puts `login` before `validityPeriod`). */
export const OPERATIONS: readonly Operation[] = [
  { name: 'SendMessage', params: [s('msid'), s('message'), s('naming'), ...AUTH], result: f('SendMessageResult', 's:long', 1) },
  { name: 'SendMessageAtDate', params: [s('msid'), s('message'), s('naming'), DATE, ...AUTH], result: f('SendMessageAtDateResult', 's:long', 1) },
  {
    name: 'SendMessageWithValidityPeriod',
    params: [s('msid'), s('message'), s('naming'), s('validityPeriod'), ...AUTH],
    result: f('SendMessageWithValidityPeriodResult', 's:long', 1),
  },
  { name: 'SendMessageToMultipleSubscribers', params: [MSIDS, s('message'), s('naming'), ...AUTH], result: ids('SendMessageToMultipleSubscribers') },
  {
    name: 'SendMessageToMultipleSubscribersAtDate',
    params: [MSIDS, s('message'), s('naming'), DATE, ...AUTH],
    result: ids('SendMessageToMultipleSubscribersAtDate'),
  },
  { name: 'SendMessages', params: [MSIDS, s('message'), s('naming'), ...AUTH], result: ids('SendMessages') },
  { name: 'SendMessagesAtDate', params: [MSIDS, s('message'), s('naming'), DATE, ...AUTH], result: ids('SendMessagesAtDate') },
  {
    name: 'SendMessagesWithValidityPeriod',
    params: [MSIDS, s('message'), s('naming'), s('login'), s('validityPeriod'), s('password')],
    result: ids('SendMessagesWithValidityPeriod'),
  },
  {
    name: 'SendMessagesAtDateWithValidityPeriod',
    params: [MSIDS, s('message'), s('naming'), DATE, s('validityPeriod'), ...AUTH],
    result: ids('SendMessagesAtDateWithValidityPeriod'),
  },
  {
    name: 'SendVariousMessages',
    params: [f('msidsAndMessages', 'tns:ArrayOfSubmit'), s('naming'), s('scheduledSendDate'), s('validityPeriod'), ...AUTH],
    result: ids('SendVariousMessages'),
  },
  { name: 'GetMessageStatus', params: [f('messageID', 's:long', 1), ...AUTH], result: f('GetMessageStatusResult', 'tns:ArrayOfDeliveryInfo') },
  { name: 'GetMessagesStatus', params: [f('messageIDs', 'tns:ArrayOfLong'), ...AUTH], result: f('GetMessagesStatusResult', 'tns:ArrayOfMessageStatusWithID') },
  {
    name: 'GetMessages',
    params: [
      f('messageType', 'tns:RequestMessageType', 1),
      f('subscriberMsids', 'tns:ArrayOfString'),
      f('DateFrom', 's:dateTime', 1),
      f('DateTo', 's:dateTime', 1),
      ...AUTH,
    ],
    result: f('GetMessagesResult', 'tns:ArrayOfMessageInfo'),
  },
  { name: 'GetStatistics', params: [...AUTH], result: f('GetStatisticsResult', 'tns:StatisticsInfo') },
  {
    name: 'CreateMailingList',
    params: [s('name'), f('contacts', 'tns:ArrayOfMailingListContact'), ...AUTH],
    result: f('CreateMailingListResult', 's:long', 1),
  },
  { name: 'GetMailingLists', params: [...AUTH], result: f('GetMailingListsResult', 'tns:ArrayOfResultMailingList') },
  { name: 'DeleteMailingLists', params: [f('mailingListIDs', 'tns:ArrayOfLong'), ...AUTH], result: null },
  {
    name: 'GetMailingListContacts',
    params: [f('mailingListId', 's:long', 1), ...AUTH],
    result: f('GetMailingListContactsResult', 'tns:ArrayOfMailingListContact'),
  },
  { name: 'SetMailingListContacts', params: [f('mailingListId', 's:long', 1), f('contacts', 'tns:ArrayOfMailingListContact'), ...AUTH], result: null },
  {
    name: 'AddUser',
    params: [
      ...AUTH,
      s('userName'),
      s('userMSID'),
      s('userEmail'),
      f('webAccessEnabled', 's:boolean', 1),
      f('accessLevel', 'tns:AccessLevel', 1),
      f('userGroupId', 's:long', 1),
    ],
    result: f('AddUserResult', 's:long', 1),
  },
  { name: 'GetGroups', params: [...AUTH], result: f('GetGroupsResult', 'tns:ArrayOfSubscriberGroupInfo') },
  { name: 'GetUsers', params: [...AUTH], result: f('GetUsersResult', 'tns:ArrayOfUserInfo') },
  { name: 'DeleteUser', params: [s('msid'), ...AUTH], result: null },
  {
    name: 'CreateMailing',
    params: [s('name'), f('mailingListID', 's:long', 1), s('text'), s('date'), s('naming'), ...AUTH],
    result: null,
  },
  { name: 'GetCompanyMode', params: [...AUTH], result: f('GetCompanyModeResult', 's:string') },
  { name: 'GetBalance', params: [...AUTH], result: f('GetBalanceResult', 's:string') },
];

export const OPERATION_BY_NAME = new Map(OPERATIONS.map((op) => [op.name, op]));
const BY_LOWER = new Map(OPERATIONS.map((op) => [op.name.toLowerCase(), op]));

/** The operation named, in any letter case (the .asmx resolved HTTP method names that way). */
export function findOperation(name: string): Operation | undefined {
  return OPERATION_BY_NAME.get(name) ?? BY_LOWER.get(name.toLowerCase());
}

/** Array types whose items are scalars: the only complex parameters the HttpGet/HttpPost bindings carry. */
const FORM_ARRAYS = new Set(['tns:ArrayOfString', 'tns:ArrayOfLong']);

/** Whether the operation is in the published HttpGet/HttpPost bindings (scalar, enum or scalar-array parameters only). */
export function inHttpBindings(op: Operation): boolean {
  return op.params.every((p) => p.type.startsWith('s:') || FORM_ARRAYS.has(p.type) || ENUMS[p.type.slice(4)] !== undefined);
}

/** Root element of the bare `.asmx/<Op>` answer: `long`, `string`, or the result's type name. */
export function bareRoot(result: Field): string {
  return result.type.startsWith('s:') ? result.type.slice(2) : result.type.slice(4);
}

/** The item field of an `ArrayOf…` type, or undefined for any other type. */
export function arrayItem(type: string): Field | undefined {
  const fields = COMPLEX_TYPES[type.replace(/^tns:/, '')];
  return fields && fields.length === 1 && fields[0]!.many ? fields[0] : undefined;
}
