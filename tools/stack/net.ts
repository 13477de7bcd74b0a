import net from 'node:net';

/**
 * A loopback port that was free a moment ago. The kernel may hand it out again
 * before our server binds it, but ephemeral ports cycle slowly enough for tests.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/** Fetch with a per-request timeout, so a hung server cannot stall a wait loop. */
export async function fetchWithTimeout(url: string, init: RequestInit = {}, timeoutMs = 5_000): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

export async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetchWithTimeout(url, {}, 2_000);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
