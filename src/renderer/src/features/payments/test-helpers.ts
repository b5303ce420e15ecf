// Helpers for the document screens' component tests (jsdom): a fake `window.api` answering the
// contract from per-test handlers, a render over react-dom/client, and small DOM actions.
import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { Channel, Input, Output, PreloadApi, Result } from '../../../../shared/ipc';

export type Handlers = { [C in Channel]?: (input: Input<C>) => Output<C> };

export function fakeApi(handlers: Handlers): Array<{ channel: string; input: unknown }> {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const api: PreloadApi = {
    async call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
      calls.push({ channel, input });
      const h = handlers[channel] as ((i: Input<C>) => Output<C>) | undefined;
      if (!h) return { ok: false, error: { code: 'unknown_channel', message: `no fake for ${channel}` } };
      try {
        return { ok: true, value: h(input) };
      } catch (err) {
        return { ok: false, error: { code: 'bad_input', message: (err as Error).message } };
      }
    },
    pathForFile: () => '',
    onCommand: () => () => undefined,
  };
  window.api = api;
  return calls;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export async function settle(times = 4): Promise<void> {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export async function mount(el: ReactElement): Promise<{ container: HTMLElement; unmount(): void }> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(el);
  });
  await settle();
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export async function goTo(hash: string): Promise<void> {
  await act(async () => {
    location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await settle();
}

export async function click(el: Element | null): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}

/** Set a form control's value the way React sees user input. */
export async function setValue(el: Element | null, value: string): Promise<void> {
  if (!el) throw new Error('no control');
  const input = el as HTMLInputElement | HTMLSelectElement;
  const proto = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
  await settle();
}

export async function submit(form: Element | null): Promise<void> {
  if (!form) throw new Error('no form');
  await act(async () => {
    (form as HTMLFormElement).requestSubmit();
  });
  await settle();
}

export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
