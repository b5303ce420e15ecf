// contextBridge only: one typed `api` object, nothing else reaches the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PreloadApi } from '../shared/ipc';
import { IPC_COMMAND, IPC_INVOKE } from '../shared/ipc-names';

const api: PreloadApi = {
  call: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  pathForFile: (file) => webUtils.getPathForFile(file),
  onCommand: (listener) => {
    const handler = (_e: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(IPC_COMMAND, handler);
    return () => ipcRenderer.off(IPC_COMMAND, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
