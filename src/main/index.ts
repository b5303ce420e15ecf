// Electron main: app lifecycle, one hardened window, the native menu, file dialogs, and the IPC
// contract answered by the same handler table browser mode uses (src/services/api.ts).
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dispatch, packFileName, writeDisputePack, type ApiContext, type HandlerTable } from '../services/api';
import { defaultDbPath, openWorkspace } from '../services/workspace';
import { IPC_COMMAND, IPC_INVOKE } from '../shared/ipc-names';

const HERE = dirname(fileURLToPath(import.meta.url));
const RENDERER_HTML = join(HERE, '..', 'renderer', 'index.html');
const PRELOAD = join(HERE, '..', 'preload', 'index.cjs');
const DEV_URL = process.env.ELECTRON_RENDERER_URL;

// Same policy as browser mode (src/server/server.ts), sent as a header on every response.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let ctx: ApiContext | undefined;
let win: BrowserWindow | undefined;

app.enableSandbox();
// A second launch focuses the first window instead of opening the same database twice.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

function dbPathFromArgs(): string {
  const i = process.argv.indexOf('--db');
  const given = i >= 0 ? process.argv[i + 1] : undefined;
  return given ? resolve(given) : defaultDbPath();
}

/** Is this IPC call from our own page (not a navigated-away or injected frame)? */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  if (!win || event.sender !== win.webContents) return false;
  if (DEV_URL) return url.startsWith(DEV_URL);
  return url === pathToFileURL(RENDERER_HTML).href || url.startsWith(pathToFileURL(RENDERER_HTML).href + '#');
}

const electronOnly: Partial<HandlerTable> = {
  'export:disputePack': async (c, input) => {
    const opts = { title: 'Save the dispute pack', defaultPath: join(app.getPath('documents'), packFileName(input)), filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] };
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    if (r.canceled || !r.filePath) return null;
    const out = await writeDisputePack(c, input, r.filePath);
    shell.showItemInFolder(out.path);
    return out;
  },
  'dialog:openFiles': async (_ctx, input) => {
    const opts = {
      title: input.folders ? 'Import a folder of exports' : 'Import files',
      properties: input.folders ? (['openDirectory'] as const) : (['openFile', 'multiSelections'] as const),
      filters: input.folders ? [] : [{ name: 'Exports (XLSX, CSV, EDI, JSON)', extensions: ['xlsx', 'csv', 'txt', 'edi', 'x12', 'json'] }, { name: 'All files', extensions: ['*'] }],
    };
    const r = win ? await dialog.showOpenDialog(win, { ...opts, properties: [...opts.properties] }) : await dialog.showOpenDialog({ ...opts, properties: [...opts.properties] });
    return { paths: r.canceled ? [] : r.filePaths };
  },
};

async function switchDatabase(path: string, create: boolean): Promise<void> {
  const ws = await openWorkspace(path, { loadDemo: false });
  if (!create && ws.created) {
    ws.db.close();
    throw new Error(`${path} is not a Recoup database`);
  }
  const old = ctx?.db;
  ctx = { ...ctx!, db: ws.db, dbPath: ws.path };
  old?.close();
  win?.setTitle(`Recoup — ${ws.path}`);
  send('db-changed');
}

function send(command: string): void {
  win?.webContents.send(IPC_COMMAND, command);
}

async function openDatabaseDialog(create: boolean): Promise<void> {
  if (!win) return;
  try {
    if (create) {
      const r = await dialog.showSaveDialog(win, { title: 'Create a Recoup database', defaultPath: 'recoup.db', filters: [{ name: 'Recoup database', extensions: ['db'] }] });
      if (!r.canceled && r.filePath) await switchDatabase(r.filePath, true);
    } else {
      const r = await dialog.showOpenDialog(win, { title: 'Open a Recoup database', properties: ['openFile'], filters: [{ name: 'Recoup database', extensions: ['db'] }] });
      if (!r.canceled && r.filePaths[0]) await switchDatabase(r.filePaths[0], false);
    }
  } catch (err) {
    dialog.showErrorBox('Could not open the database', (err as Error).message);
  }
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: () => send('import:files') },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('import:folder') },
        { type: 'separator' },
        { label: 'Open Database…', click: () => void openDatabaseDialog(false) },
        { label: 'New Database…', click: () => void openDatabaseDialog(true) },
        { label: 'Show Database in Folder', click: () => ctx && shell.showItemInFolder(ctx.dbPath) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: '&Go',
      submenu: [
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+1', click: () => send('go:dashboard') },
        { label: 'Import', accelerator: 'CmdOrCtrl+2', click: () => send('go:import') },
        { label: 'Findings', accelerator: 'CmdOrCtrl+3', click: () => send('go:findings') },
        { type: 'separator' },
        { label: 'Search…', accelerator: 'CmdOrCtrl+K', click: () => send('search') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => send('theme:toggle') },
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { label: '&Help', submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: () => send('help:shortcuts') }] },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    title: ctx ? `Recoup — ${ctx.dbPath}` : 'Recoup',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  if (DEV_URL) void w.loadURL(DEV_URL);
  else void w.loadFile(RENDERER_HTML);
  return w;
}

function harden(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // The app needs no camera, notifications, geolocation, …
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser, never inside the app.
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      const own = DEV_URL ? url.startsWith(DEV_URL) : url.startsWith(pathToFileURL(RENDERER_HTML).href);
      if (!own) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('window-all-closed', () => {
  ctx?.db.close();
  app.quit();
});

void app.whenReady().then(async () => {
  if (!primary) return;
  harden();
  try {
    const ws = await openWorkspace(dbPathFromArgs());
    ctx = { db: ws.db, dbPath: ws.path, mode: 'electron', version: app.getVersion() };
  } catch (err) {
    dialog.showErrorBox('Recoup cannot open its database', `${(err as Error).message}\n\nThe desktop app needs better-sqlite3 built for Electron; see the README.`);
    app.quit();
    return;
  }
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'refused', message: 'IPC from an unknown page' } };
    if (typeof channel !== 'string') return { ok: false, error: { code: 'bad_input', message: 'channel must be a string' } };
    return dispatch(ctx!, channel, input, electronOnly);
  });
  Menu.setApplicationMenu(buildMenu());
  win = createWindow();
  win.on('closed', () => (win = undefined));
});
