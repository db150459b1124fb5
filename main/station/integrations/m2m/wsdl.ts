// The WSDL of the MTS-compatible service, generated from one table of operations so the
// document, the SOAP parser's allowed parameters and the .asmx form cannot drift apart.
// Shapes follow the public MTS Communicator M2M API (namespace http://mcommunicator.ru/M2M).
import { M2M_NS } from './operations.js';

type P = [name: string, type: string, min?: 0];
const AUTH: P[] = [['login', 's:string', 0], ['password', 's:string', 0]];

export const SIGNATURES: Record<string, { params: P[]; result: string }> = {
  SendMessage: { params: [['msid', 's:string', 0], ['message', 's:string', 0], ['naming', 's:string', 0], ...AUTH], result: 's:long' },
  SendMessages: {
    params: [['msids', 'tns:ArrayOfString', 0], ['message', 's:string', 0], ['naming', 's:string', 0], ...AUTH],
    result: 'tns:ArrayOfSendMessageIDs',
  },
  SendMessagesWithValidityPeriod: {
    params: [['msids', 'tns:ArrayOfString', 0], ['message', 's:string', 0], ['naming', 's:string', 0], ['validityPeriod', 's:string', 0], ...AUTH],
    result: 'tns:ArrayOfSendMessageIDs',
  },
  SendVariousMessages: {
    params: [['msidsAndMessages', 'tns:ArrayOfMsidAndMessage', 0], ['naming', 's:string', 0], ['scheduledSendDate', 's:string', 0], ['validityPeriod', 's:string', 0], ...AUTH],
    result: 'tns:ArrayOfSendMessageIDs',
  },
  GetMessageStatus: { params: [['messageID', 's:long'], ...AUTH], result: 'tns:ArrayOfDeliveryInfo' },
  GetMessages: {
    params: [['messageType', 'tns:RequestMessageType'], ['subscriberMsids', 'tns:ArrayOfString', 0], ['DateFrom', 's:dateTime'], ['DateTo', 's:dateTime'], ...AUTH],
    result: 'tns:ArrayOfMessageInfo',
  },
  GetGroups: { params: [...AUTH], result: 'tns:ArrayOfSubscriberGroupInfo' },
  AddUser: {
    params: [...AUTH, ['userName', 's:string', 0], ['userMSID', 's:string', 0], ['userEmail', 's:string', 0], ['webAccessEnabled', 's:boolean'], ['accessLevel', 'tns:AccessLevel'], ['userGroupId', 's:long']],
    result: 's:long',
  },
};

const seq = (fields: P[]) =>
  `<s:sequence>${fields.map(([n, t, min]) => `<s:element minOccurs="${min ?? 1}" maxOccurs="1" name="${n}" type="${t}"${n.endsWith('Date') && n.startsWith('User') ? ' nillable="true"' : ''} />`).join('')}</s:sequence>`;
const complex = (name: string, fields: P[]) => `<s:complexType name="${name}">${seq(fields)}</s:complexType>`;
const arrayOf = (item: string, type: string) =>
  `<s:complexType name="ArrayOf${item}"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="${item}" ${item === 'String' ? 'nillable="true" ' : ''}type="${type}" /></s:sequence></s:complexType>`;
const enumType = (name: string, values: string[]) =>
  `<s:simpleType name="${name}"><s:restriction base="s:string">${values.map((v) => `<s:enumeration value="${v}" />`).join('')}</s:restriction></s:simpleType>`;

const TYPES = [
  `<s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string" /></s:sequence></s:complexType>`,
  complex('SendMessageIDs', [['Msid', 's:string', 0], ['MessageID', 's:long']]),
  arrayOf('SendMessageIDs', 'tns:SendMessageIDs'),
  complex('MsidAndMessage', [['Msid', 's:string', 0], ['Message', 's:string', 0]]),
  arrayOf('MsidAndMessage', 'tns:MsidAndMessage'),
  enumType('DeliveryStatus', ['Pending', 'Sending', 'Sent', 'NotSent', 'Delivered', 'NotDelivered', 'TimedOut', 'Error', 'Cancelled']),
  complex('DeliveryInfo', [['Msid', 's:string', 0], ['DeliveryStatus', 'tns:DeliveryStatus'], ['DeliveryDate', 's:dateTime'], ['UserDeliveryDate', 's:dateTime'], ['PartCount', 's:int']]),
  arrayOf('DeliveryInfo', 'tns:DeliveryInfo'),
  complex('DeliveryInfoExt', [['TargetMsid', 's:string', 0], ['DeliveryStatus', 'tns:DeliveryStatus'], ['DeliveryDate', 's:dateTime'], ['TargetName', 's:string', 0], ['UserDeliveryDate', 's:dateTime']]),
  arrayOf('DeliveryInfoExt', 'tns:DeliveryInfoExt'),
  enumType('RequestMessageType', ['All', 'MO', 'MT']),
  enumType('MessageType', ['MO', 'MT']),
  enumType('AccessLevel', ['Administrator', 'Operator', 'BaseUser']),
  complex('MessageInfo', [['MessageID', 's:long'], ['CreationDate', 's:dateTime'], ['SenderMsid', 's:string', 0], ['SenderName', 's:string', 0], ['DeliveryInfo', 'tns:ArrayOfDeliveryInfoExt', 0], ['MessageType', 'tns:MessageType'], ['MessageText', 's:string', 0]]),
  arrayOf('MessageInfo', 'tns:MessageInfo'),
  complex('SubscriberGroupInfo', [['ID', 's:long'], ['Name', 's:string', 0], ['Color', 's:int']]),
  arrayOf('SubscriberGroupInfo', 'tns:SubscriberGroupInfo'),
];

const SERVICE = 'MTS_x0020_Communicator_x0020_M2M_x0020_XML_x0020_API';

export function renderWsdl(endpoint: string): string {
  const ops = Object.entries(SIGNATURES);
  const elements = ops
    .map(
      ([op, sig]) =>
        `<s:element name="${op}"><s:complexType>${seq(sig.params)}</s:complexType></s:element>` +
        `<s:element name="${op}Response"><s:complexType>${seq([[`${op}Result`, sig.result, sig.result.startsWith('tns:') ? 0 : undefined] as P])}</s:complexType></s:element>`,
    )
    .join('');
  const bareRoots =
    `<s:element name="long" type="s:long" />` +
    ['SendMessageIDs', 'DeliveryInfo', 'MessageInfo', 'SubscriberGroupInfo'].map((t) => `<s:element name="ArrayOf${t}" nillable="true" type="tns:ArrayOf${t}" />`).join('');
  const messages = ops
    .map(([op]) => `<wsdl:message name="${op}SoapIn"><wsdl:part name="parameters" element="tns:${op}" /></wsdl:message><wsdl:message name="${op}SoapOut"><wsdl:part name="parameters" element="tns:${op}Response" /></wsdl:message>`)
    .join('');
  const portOps = ops
    .map(([op]) => `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}SoapIn" /><wsdl:output message="tns:${op}SoapOut" /></wsdl:operation>`)
    .join('');
  const binding = (name: string, ns: 'soap' | 'soap12') =>
    `<wsdl:binding name="${name}" type="tns:${SERVICE}Soap"><${ns}:binding transport="http://schemas.xmlsoap.org/soap/http" />` +
    ops
      .map(([op]) => `<wsdl:operation name="${op}"><${ns}:operation soapAction="${M2M_NS}/${op}" style="document" /><wsdl:input><${ns}:body use="literal" /></wsdl:input><wsdl:output><${ns}:body use="literal" /></wsdl:output></wsdl:operation>`)
      .join('') +
    '</wsdl:binding>';
  const loc = escapeAttr(endpoint);
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${M2M_NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${M2M_NS}">
<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${M2M_NS}">${elements}${TYPES.join('')}${bareRoots}</s:schema></wsdl:types>
${messages}
<wsdl:portType name="${SERVICE}Soap">${portOps}</wsdl:portType>
${binding(`${SERVICE}Soap`, 'soap')}
${binding(`${SERVICE}Soap12`, 'soap12')}
<wsdl:service name="${SERVICE}"><wsdl:port name="${SERVICE}Soap" binding="tns:${SERVICE}Soap"><soap:address location="${loc}" /></wsdl:port><wsdl:port name="${SERVICE}Soap12" binding="tns:${SERVICE}Soap12"><soap12:address location="${loc}" /></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
