// The one IPC contract: every channel the renderer may call, its input (a zod schema, checked on
// arrival in main and in the browser-mode server) and its output type. Electron IPC and
// `POST /api/<channel>` carry exactly these calls; handlers live in src/services/api.ts.
import { z } from 'zod';

export type ErrorCode =
  | 'bad_input' // the input did not match the channel's schema
  | 'unknown_channel'
  | 'not_found'
  | 'conflict' // e.g. the database is busy with another write
  | 'unavailable' // this front door cannot do it (a native dialog in browser mode)
  | 'refused' // browser mode: no or wrong token, foreign Host or Origin
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---- Values that cross the boundary (plain JSON: numbers, strings, arrays, objects) ----

export interface AppInfo {
  /** 'electron' for the desktop app, 'browser' for browser mode. */
  mode: 'electron' | 'browser';
  version: string;
  dbPath: string;
  dbName: string;
  schemaVersion: number;
  /** Channels this build can answer, so the UI hides what is not there yet. */
  channels: string[];
}

export interface BatchDto {
  id: number;
  fileName: string;
  format: string;
  sha256: string;
  sizeBytes: number;
  /** Epoch milliseconds. */
  importedAt: number;
  rowsRead: number;
  rowsStored: number;
  rowsDuplicate: number;
  rowsRejected: number;
  marketplace: string | null;
  notes: string | null;
}

export interface RejectDto {
  location: string;
  field: string | null;
  reason: string;
  raw: string | null;
}

export type ImportResultDto =
  | {
      fileName: string;
      status: 'imported';
      batchId: number;
      format: string;
      rowsRead: number;
      rowsStored: number;
      rowsDuplicate: number;
      rowsRejected: number;
      /** The first rejects (all are stored; see batches:rejects). */
      rejects: RejectDto[];
      notes: string[];
    }
  | { fileName: string; status: 'already_imported'; batchId: number; format: string; importedAt: number }
  | { fileName: string; status: 'error'; error: string };

// ---- Input schemas ----

const id = z.number().int().positive();
const empty = z.object({}).strict();

/** How a channel is declared: its input schema, and (phantom) its output type. */
interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time; carries the output type. */
  output?: O;
}
const channel = <O>() => <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });

export const channels = {
  'app:info': channel<AppInfo>()(empty),
  /** Import files or folders by path (Electron file dialog and drag-drop, or a path typed in). */
  'import:files': channel<ImportResultDto[]>()(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict()),
  'batches:list': channel<BatchDto[]>()(empty),
  'batches:rejects': channel<RejectDto[]>()(z.object({ batchId: id, limit: z.number().int().min(1).max(10_000).optional() }).strict()),
  /** Undo an import: the batch and every row it stored go, as one unit. Returns the batch removed. */
  'batches:undo': channel<BatchDto>()(z.object({ batchId: id }).strict()),
  /** Native file dialog (Electron only); browser mode answers `unavailable` and uploads instead. */
  'dialog:openFiles': channel<{ paths: string[] }>()(z.object({ folders: z.boolean().optional() }).strict()),
} as const;

export type Channel = keyof typeof channels;
export type Input<C extends Channel> = z.input<(typeof channels)[C]['input']>;
/** The input after validation (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type Output<C extends Channel> = NonNullable<(typeof channels)[C]['output']>;

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Validate a raw input for a channel: the parsed value, or a `bad_input` error naming the field. */
export function parseInput<C extends Channel>(name: C, raw: unknown): Result<ParsedInput<C>> {
  const parsed = channels[name].input.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInput<C> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'input';
  return { ok: false, error: { code: 'bad_input', message: `${name}: ${where}: ${issue?.message ?? 'invalid input'}` } };
}

/** What the preload script exposes as `window.api` (and what lib/api.ts emulates over HTTP). */
export interface PreloadApi {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** The file-system path of a dropped or picked File (Electron only). */
  pathForFile(file: File): string;
  /** Menu commands from the native menu ("import", "go:findings", …). Returns an unsubscribe. */
  onCommand(listener: (command: string) => void): () => void;
}

export { IPC_INVOKE, IPC_COMMAND, TOKEN_HEADER, FILE_NAME_HEADER } from './ipc-names';
