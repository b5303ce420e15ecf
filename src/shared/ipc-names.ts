// Transport names for the IPC contract, kept free of dependencies so the sandboxed preload script
// (which cannot load zod) can import them.

/** The Electron IPC channel names used by main and preload (not part of the public contract). */
export const IPC_INVOKE = 'recoup:call';
export const IPC_COMMAND = 'recoup:command';

/** Browser mode: the header carrying the per-launch token on every API call. */
export const TOKEN_HEADER = 'x-recoup-token';
/** Browser mode: the header carrying an uploaded file's name (URI-encoded). */
export const FILE_NAME_HEADER = 'x-file-name';
