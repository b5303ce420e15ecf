// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Sent { url: string; init: RequestInit }

async function freshApi(href: string, reply: (s: Sent) => unknown) {
  vi.resetModules();
  window.history.replaceState(null, '', href);
  sessionStorage.clear();
  delete window.api;
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify(reply({ url, init })), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  const api = await import('./api');
  return { api, sent };
}

beforeEach(() => vi.unstubAllGlobals());

describe('lib/api.ts in browser mode', () => {
  it('takes the token from the address once, drops it from the URL bar, and sends it on every call', async () => {
    const { api, sent } = await freshApi('/?token=abc123#/findings', () => ({ ok: true, value: [] }));
    await expect(api.call('batches:list', {})).resolves.toEqual([]);
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/findings');
    expect(sent[0]!.url).toBe('/api/batches:list');
    expect(sent[0]!.init.method).toBe('POST');
    expect((sent[0]!.init.headers as Record<string, string>)['x-recoup-token']).toBe('abc123');
    expect(sent[0]!.init.credentials).toBe('omit');
    // A reload of the tab (no token in the URL any more) still has it.
    const { api: again, sent: sent2 } = await (async () => {
      vi.resetModules();
      const s: Sent[] = [];
      vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
        s.push({ url, init });
        return new Response(JSON.stringify({ ok: true, value: [] }));
      });
      return { api: await import('./api'), sent: s };
    })();
    await again.call('batches:list', {});
    expect((sent2[0]!.init.headers as Record<string, string>)['x-recoup-token']).toBe('abc123');
  });

  it('turns { ok: false } into an ApiCallError with the code and the specific message', async () => {
    const { api } = await freshApi('/?token=t', () => ({ ok: false, error: { code: 'not_found', message: 'there is no import batch 9' } }));
    await expect(api.call('batches:undo', { batchId: 9 })).rejects.toMatchObject({ code: 'not_found', message: 'there is no import batch 9' });
    await expect(api.tryCall('batches:undo', { batchId: 9 })).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'there is no import batch 9' } });
  });

  it('uploads each file with its name (the browser has no paths) and keeps the results in order', async () => {
    const { api, sent } = await freshApi('/?token=t', (s) => {
      const name = decodeURIComponent((s.init.headers as Record<string, string>)['x-file-name']!);
      return { ok: true, value: [{ fileName: name, status: 'already_imported', batchId: 1, format: 'x12', importedAt: 0 }] };
    });
    const files = [new File(['a'], 'Remittance März.csv'), new File(['b'], '856.edi')];
    const done: number[] = [];
    const results = await api.importFiles(files, (i) => done.push(i));
    expect(sent.map((s) => s.url)).toEqual(['/upload', '/upload']);
    expect((sent[0]!.init.headers as Record<string, string>)['x-file-name']).toBe(encodeURIComponent('Remittance März.csv'));
    expect(results.map((r) => r.fileName)).toEqual(['Remittance März.csv', '856.edi']);
    expect(done).toEqual([0, 1]);
  });

  it('reports a stopped server as a plain reason, not a crash', async () => {
    vi.resetModules();
    vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch'); });
    const api = await import('./api');
    await expect(api.tryCall('app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('npm start') } });
  });
});
