// The station's own WSDL for the MTS-compatible service, rendered from the contract table with
// this station's address in every port: the SOAP 1.1 and 1.2 bindings (document/literal, SOAPAction
// `http://mcommunicator.ru/M2M/<Op>`) and the .asmx HttpGet/HttpPost bindings, laid out as the
// operator's generator laid them out (types declared right after their first use), so a client
// generated from the published WSDL and one generated from ours see the same contract.
import { bareRoot, COMPLEX_TYPES, ENUMS, inHttpBindings, M2M_NS, OPERATIONS, SERVICE, type Field } from './contract.js';
import { escapeXml } from './xml-guard.js';

const PORT = {
  soap: `${SERVICE}Soap`,
  soap12: `${SERVICE}Soap12`,
  get: `${SERVICE}HttpGet`,
  post: `${SERVICE}HttpPost`,
};

function element(fd: Field): string {
  const max = fd.many ? 'unbounded' : '1';
  return `<s:element minOccurs="${fd.min}" maxOccurs="${max}" name="${fd.name}"${fd.nillable ? ' nillable="true"' : ''} type="${fd.type}" />`;
}

const sequence = (fields: Field[]) => (fields.length === 0 ? '<s:complexType />' : `<s:complexType><s:sequence>${fields.map(element).join('')}</s:sequence></s:complexType>`);

/** The schema: each operation's request and response elements, each type right after its first use. */
function schema(): string {
  const out: string[] = [];
  const declared = new Set<string>();
  const declare = (fields: Field[]) => {
    for (const fd of fields) {
      if (!fd.type.startsWith('tns:')) continue;
      const name = fd.type.slice(4);
      if (declared.has(name)) continue;
      declared.add(name);
      if (ENUMS[name]) {
        out.push(`<s:simpleType name="${name}"><s:restriction base="s:string">${ENUMS[name]!.map((v) => `<s:enumeration value="${v}" />`).join('')}</s:restriction></s:simpleType>`);
      } else {
        const inner = COMPLEX_TYPES[name]!;
        out.push(`<s:complexType name="${name}"><s:sequence>${inner.map(element).join('')}</s:sequence></s:complexType>`);
        declare(inner);
      }
    }
  };
  for (const op of OPERATIONS) {
    out.push(`<s:element name="${op.name}">${sequence(op.params)}</s:element>`);
    declare(op.params);
    out.push(`<s:element name="${op.name}Response">${sequence(op.result ? [op.result] : [])}</s:element>`);
    if (op.result) declare([op.result]);
  }
  // The bare roots the HttpGet/HttpPost answers use, in order of first use.
  const roots: string[] = [];
  for (const op of OPERATIONS) {
    if (!inHttpBindings(op) || !op.result) continue;
    const root = bareRoot(op.result);
    if (roots.includes(root)) continue;
    roots.push(root);
    out.push(
      op.result.type.startsWith('tns:') || root === 'string'
        ? `<s:element name="${root}" nillable="true" type="${op.result.type}" />`
        : `<s:element name="${root}" type="${op.result.type}" />`,
    );
  }
  return (
    `<s:schema elementFormDefault="qualified" targetNamespace="${M2M_NS}">${out.join('')}</s:schema>` +
    `<s:schema targetNamespace="${M2M_NS}/AbstractTypes"><s:import namespace="http://schemas.xmlsoap.org/soap/encoding/" />` +
    `<s:complexType name="StringArray"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="String" type="s:string" /></s:sequence></s:complexType></s:schema>`
  );
}

function messages(): string {
  const out: string[] = [];
  for (const op of OPERATIONS) {
    out.push(`<wsdl:message name="${op.name}SoapIn"><wsdl:part name="parameters" element="tns:${op.name}" /></wsdl:message>`);
    out.push(`<wsdl:message name="${op.name}SoapOut"><wsdl:part name="parameters" element="tns:${op.name}Response" /></wsdl:message>`);
  }
  for (const verb of ['HttpGet', 'HttpPost']) {
    for (const op of OPERATIONS.filter(inHttpBindings)) {
      const parts = op.params.map((p) => `<wsdl:part name="${p.name}" type="${p.type.startsWith('tns:ArrayOf') ? 's1:StringArray' : 's:string'}" />`);
      out.push(`<wsdl:message name="${op.name}${verb}In">${parts.join('')}</wsdl:message>`);
      out.push(
        op.result
          ? `<wsdl:message name="${op.name}${verb}Out"><wsdl:part name="Body" element="tns:${bareRoot(op.result)}" /></wsdl:message>`
          : `<wsdl:message name="${op.name}${verb}Out" />`,
      );
    }
  }
  return out.join('\n');
}

function portType(name: string, suffix: 'Soap' | 'HttpGet' | 'HttpPost'): string {
  const ops = suffix === 'Soap' ? OPERATIONS : OPERATIONS.filter(inHttpBindings);
  const inner = ops
    .map((op) => `<wsdl:operation name="${op.name}"><wsdl:input message="tns:${op.name}${suffix}In" /><wsdl:output message="tns:${op.name}${suffix}Out" /></wsdl:operation>`)
    .join('');
  return `<wsdl:portType name="${name}">${inner}</wsdl:portType>`;
}

function soapBinding(name: string, ns: 'soap' | 'soap12'): string {
  const ops = OPERATIONS.map(
    (op) =>
      `<wsdl:operation name="${op.name}"><${ns}:operation soapAction="${M2M_NS}/${op.name}" style="document" />` +
      `<wsdl:input><${ns}:body use="literal" /></wsdl:input><wsdl:output><${ns}:body use="literal" /></wsdl:output></wsdl:operation>`,
  ).join('');
  return `<wsdl:binding name="${name}" type="tns:${PORT.soap}"><${ns}:binding transport="http://schemas.xmlsoap.org/soap/http" />${ops}</wsdl:binding>`;
}

function httpBinding(name: string, verb: 'GET' | 'POST'): string {
  const input = verb === 'GET' ? '<http:urlEncoded />' : '<mime:content type="application/x-www-form-urlencoded" />';
  const ops = OPERATIONS.filter(inHttpBindings)
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><http:operation location="/${op.name}" /><wsdl:input>${input}</wsdl:input>` +
        (op.result ? '<wsdl:output><mime:mimeXml part="Body" /></wsdl:output>' : '<wsdl:output />') +
        '</wsdl:operation>',
    )
    .join('');
  return `<wsdl:binding name="${name}" type="tns:${name}"><http:binding verb="${verb}" />${ops}</wsdl:binding>`;
}

/** The WSDL with `endpoint` (the URL this request reached the station on) in every port. */
export function renderWsdl(endpoint: string): string {
  const loc = escapeXml(endpoint);
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/" xmlns:tns="${M2M_NS}" xmlns:s1="${M2M_NS}/AbstractTypes" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tm="http://microsoft.com/wsdl/mime/textMatching/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" targetNamespace="${M2M_NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
<wsdl:types>${schema()}</wsdl:types>
${messages()}
${portType(PORT.soap, 'Soap')}
${portType(PORT.get, 'HttpGet')}
${portType(PORT.post, 'HttpPost')}
${soapBinding(PORT.soap, 'soap')}
${soapBinding(PORT.soap12, 'soap12')}
${httpBinding(PORT.get, 'GET')}
${httpBinding(PORT.post, 'POST')}
<wsdl:service name="${SERVICE}">` +
    `<wsdl:port name="${PORT.soap}" binding="tns:${PORT.soap}"><soap:address location="${loc}" /></wsdl:port>` +
    `<wsdl:port name="${PORT.soap12}" binding="tns:${PORT.soap12}"><soap12:address location="${loc}" /></wsdl:port>` +
    `<wsdl:port name="${PORT.get}" binding="tns:${PORT.get}"><http:address location="${loc}" /></wsdl:port>` +
    `<wsdl:port name="${PORT.post}" binding="tns:${PORT.post}"><http:address location="${loc}" /></wsdl:port>` +
    `</wsdl:service>
</wsdl:definitions>`;
}
