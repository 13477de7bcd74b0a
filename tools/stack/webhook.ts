import fs from 'node:fs';
import http from 'node:http';

import { waitUntil } from './wait.js';

/** The JSON body Alertmanager's webhook notifier sends (version "4"). */
export interface AlertmanagerPayload {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: Array<{
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    endsAt: string;
  }>;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
}

export interface Notification {
  /** Receiver name taken from the URL path, i.e. the receiver Alertmanager routed to. */
  receiver: string;
  receivedAt: number;
  payload: AlertmanagerPayload;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Stands in for every notification integration (Slack, PagerDuty, mail...):
 * Alertmanager's receivers are rewritten to POST here, one path per receiver.
 */
export class WebhookReceiver {
  private readonly received: Notification[] = [];
  private closed: Promise<void> | undefined;

  constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
    private readonly journal: string,
  ) {
    server.on('request', (req, res) => this.handle(req, res));
  }

  get notifications(): readonly Notification[] {
    return this.received;
  }

  urlFor(receiver: string): string {
    return `${this.baseUrl}/receivers/${encodeURIComponent(receiver)}`;
  }

  async waitFor(what: string, predicate: (n: Notification) => boolean, timeoutMs: number): Promise<Notification> {
    let found: Notification | undefined;
    await waitUntil(what, async () => (found = this.received.find(predicate)) !== undefined, { timeoutMs });
    return found!;
  }

  stop(): Promise<void> {
    this.closed ??= new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closed;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const match = /^\/receivers\/([^/?]+)/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    const receiver = decodeURIComponent(match[1]);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertmanagerPayload;
        const notification = { receiver, receivedAt: Date.now(), payload };
        this.received.push(notification);
        fs.appendFileSync(this.journal, `${JSON.stringify(notification)}\n`);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  }
}

export function startWebhookReceiver(journal: string): Promise<WebhookReceiver> {
  const server = http.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address !== 'object') return reject(new Error('webhook receiver has no port'));
      // The server must not keep the test process alive on its own.
      server.unref();
      resolve(new WebhookReceiver(server, `http://127.0.0.1:${address.port}`, journal));
    });
  });
}
