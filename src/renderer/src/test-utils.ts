// Test helpers for renderer tests (jsdom): a fake `window.api` that answers the contract from
// handlers given per test, and a tiny render helper over react-dom/client.
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Channel, Input, Output, PreloadApi, Result } from '../../shared/ipc';

export type FakeHandlers = { [C in Channel]?: (input: Input<C>) => Output<C> | Promise<Output<C>> };

export interface FakeApi {
  calls: Array<{ channel: string; input: unknown }>;
  commands: Array<(c: string) => void>;
}

export function installFakeApi(handlers: FakeHandlers): FakeApi {
  const fake: FakeApi = { calls: [], commands: [] };
  const api: PreloadApi = {
    async call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
      fake.calls.push({ channel, input });
      const h = handlers[channel] as ((i: Input<C>) => Output<C> | Promise<Output<C>>) | undefined;
      if (!h) return { ok: false, error: { code: 'unknown_channel', message: `no fake for ${channel}` } };
      try {
        return { ok: true, value: await h(input) };
      } catch (err) {
        return { ok: false, error: { code: 'bad_input', message: (err as Error).message } };
      }
    },
    pathForFile: (f) => `/fake/${f.name}`,
    onCommand: (l) => {
      fake.commands.push(l);
      return () => undefined;
    },
  };
  window.api = api;
  return fake;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export async function render(el: ReactElement): Promise<{ container: HTMLElement; root: Root; unmount(): void }> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(el);
  });
  return {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Let pending promises and React updates settle. */
export async function settle(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}
