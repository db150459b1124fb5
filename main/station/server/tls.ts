// TLS for http and ws (every route, the SOAP doors included): the certificate and key files named in
// config, or a self-signed pair made once into `<data>/tls/` on request. node:crypto makes keys but
// not X.509 certificates, so node-forge signs the certificate; the key itself comes from node:crypto.
import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { isAbsolute, join } from 'node:path';
import forge from 'node-forge';
import { ConfigError } from '../config.js';
import { writePrivateFile } from '../secrets/data-folder.js';
import type { ServerConfig } from './config.js';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint as `AB:CD:…`, what a workstation compares before trusting the certificate. */
  fingerprint: string;
  /** Where it came from: the config's files or the generated self-signed pair. */
  certFile: string;
  selfSigned: boolean;
  /** Names and addresses the certificate is valid for. */
  names: string[];
}

export const SELF_SIGNED_DIR = 'tls';
const VALID_DAYS = 825; // the longest browsers accept for a server certificate

/** The TLS material for the configured server, or null when TLS is off. */
export function loadTls(tls: ServerConfig['tls'], dataDir: string, extraNames: readonly string[]): TlsMaterial | null {
  if (!tls) return null;
  if (tls.cert && tls.key) {
    const certFile = isAbsolute(tls.cert) ? tls.cert : join(dataDir, tls.cert);
    const keyFile = isAbsolute(tls.key) ? tls.key : join(dataDir, tls.key);
    const cert = readPem(certFile, 'tls.cert');
    const key = readPem(keyFile, 'tls.key');
    return describe(cert, key, certFile, false);
  }
  if (!tls.selfSigned) return null;
  const dir = join(dataDir, SELF_SIGNED_DIR);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const names = certificateNames(extraNames);
  if (existsSync(certFile) && existsSync(keyFile)) {
    const material = describe(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'), certFile, true);
    // A new name (another DNS alias in config) or an expiring certificate: make a fresh one.
    const x = new X509Certificate(material.cert);
    const covers = names.every((n) => material.names.includes(n));
    if (covers && Date.parse(x.validTo) - Date.now() > 30 * 86_400_000) return material;
  }
  const made = makeSelfSigned(names);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writePrivateFile(keyFile, made.key);
  writePrivateFile(certFile, made.cert);
  return describe(made.cert, made.key, certFile, true);
}

function readPem(file: string, field: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`server.${field}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path and that the station's user may read it.`);
  }
}

function describe(cert: string, key: string, certFile: string, selfSigned: boolean): TlsMaterial {
  let x: X509Certificate;
  try {
    x = new X509Certificate(cert);
  } catch (err) {
    throw new ConfigError(`${certFile} is not a PEM certificate (${(err as Error).message}).`);
  }
  const names = (x.subjectAltName ?? '')
    .split(/,\s*/)
    .map((s) => canonicalName(s.replace(/^(DNS|IP Address):/, '')))
    .filter(Boolean);
  return { cert, key, fingerprint: x.fingerprint256, certFile, selfSigned, names };
}

/** localhost, the loopback addresses, the computer's name (and .local), its addresses, config's names. */
export function certificateNames(extra: readonly string[]): string[] {
  const host = osHostname().toLowerCase();
  const names = new Set<string>(['localhost', host, `${host.split('.')[0]}.local`, '127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && !a.address.startsWith('fe80')) names.add(a.address.toLowerCase());
  }
  for (const n of extra) if (!n.startsWith('*.')) names.add(n.replace(/^\[|\]$/g, ''));
  return [...new Set([...names].map(canonicalName))];
}

/** Lower case; IPv6 in its short form (node prints a certificate's `::1` as `0:0:0:0:0:0:0:1`). */
function canonicalName(name: string): string {
  const n = name.trim().toLowerCase();
  if (!n.includes(':')) return n;
  try {
    return new URL(`http://[${n}]`).hostname.slice(1, -1);
  } catch {
    return n;
  }
}

export function makeSelfSigned(names: readonly string[]): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // Positive, random: two stations' certificates never share a serial.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  const subject = [
    { name: 'commonName', value: `Switchboard station ${osHostname()}`.slice(0, 64) },
    { name: 'organizationName', value: 'Switchboard' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: names.map((n) => (/^[\d.]+$|:/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: privateKey };
}

/** 127.x, ::1 and localhost reach only this machine; anything else (0.0.0.0, a LAN address) does not. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}
