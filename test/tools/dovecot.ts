// A real IMAP server for tests: Debian's dovecot-imapd started from a config in a temp folder,
// on a loopback port, in the foreground so the test can stop it by its pid. Mail is put in
// with IMAP APPEND by Python's imaplib, as a mail server delivering to the mailbox would.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run } from './integrations-fixture.js';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  append(raw: string): Promise<void>;
  /** Flags of every message in INBOX, in order, e.g. [['\\Seen'], ['\\Seen', '\\Flagged']]. */
  flags(): Promise<string[][]>;
  stop(): Promise<void>;
}

/** `port`: listen there (a mailbox that was unreachable comes up where the station looks). */
export async function startDovecot(options: { port?: number } = {}): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-dovecot-'));
  const port = options.port ?? (await freePort());
  const user = 'monitor';
  const password = 'mailbox-secret';
  // Dovecot refuses to access mail as root; when the tests run as root, mail belongs to nobody.
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  // Dovecot's own processes (auth, login) run as other users and must reach the config files.
  chmodSync(dir, 0o755);
  for (const d of ['run', 'state', 'home']) mkdirSync(join(dir, d));
  if (root) chownSync(join(dir, 'home'), uid, gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/home/%u/Maildir
${root ? '' : `default_internal_user = ${process.env.USER ?? 'nobody'}\ndefault_login_user = ${process.env.USER ?? 'nobody'}\n`}passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
`,
  );
  const proc: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: 'ignore' });
  const py = (script: string) => run('/usr/bin/python3', ['-c', script], { timeout: 20_000 });
  const login = `import imaplib,sys\nm=imaplib.IMAP4('127.0.0.1',${port})\nm.login('${user}','${password}')\n`;
  for (let i = 0; ; i++) {
    // Up to about 10 s: 50 tries of a Python login each.
    try {
      await py(login + 'm.logout()');
      break;
    } catch (err) {
      if (i > 50) {
        proc.kill('SIGTERM');
        throw new Error(`dovecot did not start on port ${port}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    user,
    password,
    async append(raw) {
      const b64 = Buffer.from(raw.replace(/\r?\n/g, '\r\n')).toString('base64');
      await py(login + `import base64\nm.append('INBOX', None, None, base64.b64decode('${b64}'))\nm.logout()`);
    },
    async flags() {
      const { stdout } = await py(
        login + `m.select('INBOX')\ntyp,data=m.fetch('1:*','(FLAGS)')\nfor d in data:\n  print(d.decode() if d else '')\nm.logout()`,
      );
      return stdout
        .trim()
        .split('\n')
        .filter((l) => l.includes('FLAGS'))
        .map((l) => (/FLAGS \(([^)]*)\)/.exec(l)?.[1] ?? '').split(' ').filter((f) => f && f !== '\\Recent').sort());
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
