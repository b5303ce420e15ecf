// The ONE place the renderer talks to the outside: `window.api` (Electron preload) or, in browser
// mode, the same contract over `POST /api/<channel>` with the per-launch token.
import type { Channel, EvidenceFileDto, ExportFileDto, ImportResultDto, Input, Output, PreloadApi, Result } from '../../../shared/ipc';
import { FILE_NAME_HEADER, TOKEN_HEADER } from '../../../shared/ipc-names';

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

/** Thrown by `call` when the contract answers `{ ok: false }`; `code` is the contract's code. */
export class ApiCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const TOKEN_KEY = 'recoup.token';

/** Browser mode: take the token from the address once, keep it for this tab, and drop it from the URL bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | undefined;
const getToken = () => (token ??= browserToken());

export const isDesktop = (): boolean => typeof window !== 'undefined' && window.api !== undefined;

async function httpJson<T>(path: string, init: RequestInit): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { [TOKEN_HEADER]: getToken(), ...(init.headers ?? {}) }, credentials: 'omit', cache: 'no-store' });
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'Recoup is not running: start it again with `npm start`.' } };
  }
  try {
    return (await res.json()) as Result<T>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `unexpected reply from Recoup (HTTP ${res.status})` } };
  }
}

/** Call a channel; returns the result envelope (never throws). */
export async function tryCall<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  if (window.api) return window.api.call(channel, input);
  return httpJson<Output<C>>(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
}

/** Call a channel; returns the value or throws ApiCallError with the specific reason. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const r = await tryCall(channel, input);
  if (!r.ok) throw new ApiCallError(r.error.code, r.error.message);
  return r.value;
}

/**
 * Import files the user dropped or picked. The desktop app passes their paths; the browser
 * cannot know paths, so it uploads each file's bytes (one request per file, in order).
 */
export async function importFiles(
  files: readonly File[],
  onFileDone?: (index: number, results: ImportResultDto[]) => void,
  onUpload?: (index: number, fraction: number) => void,
  /** Preview only: the same per-file results, nothing stored (import:preview, `/upload?dryRun=1`). */
  dryRun = false,
): Promise<ImportResultDto[]> {
  const api = window.api;
  if (api) {
    const paths = files.map((f) => api.pathForFile(f)).filter(Boolean);
    const results = await call(dryRun ? 'import:preview' : 'import:files', { paths });
    onFileDone?.(files.length - 1, results);
    return results;
  }
  const all: ImportResultDto[] = [];
  for (const [i, file] of files.entries()) {
    const headers = { 'content-type': 'application/octet-stream', [FILE_NAME_HEADER]: encodeURIComponent(file.name) };
    const target = dryRun ? '/upload?dryRun=1' : '/upload';
    const r = onUpload
      ? await uploadWithProgress(file, headers, (f) => onUpload(i, f), target)
      : await httpJson<ImportResultDto[]>(target, { method: 'POST', headers, body: file });
    const results: ImportResultDto[] = r.ok ? r.value : [{ fileName: file.name, status: 'error', error: r.error.message }];
    all.push(...results);
    onFileDone?.(i, results);
  }
  return all;
}

/** One upload with byte progress (fetch cannot report it; XMLHttpRequest can). */
function uploadWithProgress(file: File, headers: Record<string, string>, progress: (fraction: number) => void, target = '/upload'): Promise<Result<ImportResultDto[]>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target);
    xhr.setRequestHeader(TOKEN_HEADER, getToken());
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<ImportResultDto[]>);
      } catch {
        resolve({ ok: false, error: { code: 'internal', message: `unexpected reply from Recoup (HTTP ${xhr.status})` } });
      }
    };
    xhr.onerror = () => resolve({ ok: false, error: { code: 'unavailable', message: 'Recoup is not running: start it again with `npm start`.' } });
    xhr.send(file);
  });
}

/** Add a file to a claim's evidence register: by path in the desktop app, uploaded in browser mode. */
export async function addEvidence(claimId: number, file: File, kind: Input<'claims:addEvidence'>['kind'], description: string | null): Promise<EvidenceFileDto> {
  const api = window.api;
  if (api) return call('claims:addEvidence', { claimId, path: api.pathForFile(file), kind, description });
  const r = await httpJson<EvidenceFileDto>('/evidence', {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      [FILE_NAME_HEADER]: encodeURIComponent(file.name),
      'x-claim-id': String(claimId),
      'x-evidence-kind': kind,
      ...(description ? { 'x-description': encodeURIComponent(description) } : {}),
    },
    body: file,
  });
  if (!r.ok) throw new ApiCallError(r.error.code, r.error.message);
  return r.value;
}

/** Import by path (desktop: the native file dialog). Empty when the user cancels. */
export async function importWithDialog(folders: boolean): Promise<ImportResultDto[] | null> {
  const { paths } = await call('dialog:openFiles', { folders });
  if (!paths.length) return null;
  return call('import:files', { paths });
}

/** Native menu commands (desktop only); a no-op subscription in the browser. */
export function onCommand(listener: (command: string) => void): () => void {
  return window.api ? window.api.onCommand(listener) : () => undefined;
}

/**
 * Run an export channel and hand the file to the user: the desktop app has already asked where to
 * save it (null when cancelled); browser mode downloads it from this session's export folder.
 */
export async function downloadExport<C extends 'export:disputePack'>(channel: C, input: Input<C>): Promise<ExportFileDto | null> {
  const file = await call(channel, input);
  if (!file || window.api) return file;
  let res: Response;
  try {
    res = await fetch('/download', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: getToken(), 'content-type': 'application/json' },
      body: JSON.stringify({ path: file.path }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiCallError('unavailable', 'Recoup is not running: start it again with `npm start`.');
  }
  if (!res.ok) throw new ApiCallError('internal', `the download failed (HTTP ${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file;
}
