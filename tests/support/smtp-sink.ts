import net from 'node:net';

export type ReceivedMail = { from: string; to: string[]; data: string };

/**
 * A minimal real SMTP server on a free loopback port (RFC 5321's commands a client needs to hand
 * over a message, no TLS, no authentication) that keeps what it receives, for tests of mail
 * sending over the wire.
 */
export async function startSmtpSink(): Promise<{ url: string; received: ReceivedMail[]; stop: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let mail: ReceivedMail = { from: '', to: [], data: '' };
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(mail);
          mail = { from: '', to: [], data: '' };
          reply('250 OK queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') reply('250 sink');
        else if (command === 'MAIL') mail.from = /<(.*)>/.exec(line)?.[1] ?? '';
        else if (command === 'RCPT') mail.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
        else if (command === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
          continue;
        } else if (command === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        }
        if (command === 'MAIL' || command === 'RCPT' || command === 'RSET' || command === 'NOOP') reply('250 OK');
        else if (command !== 'EHLO' && command !== 'HELO') reply('502 Command not implemented');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a received message, its quoted-printable encoding (soft line breaks, =XX bytes) undone. */
export function mailText(mail: ReceivedMail): string {
  const [, ...bodyParts] = mail.data.split('\r\n\r\n');
  const body = bodyParts.join('\r\n\r\n');
  if (!/^Content-Transfer-Encoding: quoted-printable$/im.test(mail.data)) return body;
  const parts = body.replace(/=\r\n/g, '').split(/((?:=[0-9A-F]{2})+)/);
  return parts.map((part, index) => (index % 2 ? Buffer.from(part.replace(/=/g, ''), 'hex').toString('utf8') : part)).join('');
}
