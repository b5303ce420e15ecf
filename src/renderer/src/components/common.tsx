// Small shared pieces: links between documents, a pager, and a hook that loads one call's result.
import { useEffect, useState, type ReactNode } from 'react';
import type { Channel, Input, Output } from '../../../shared/ipc';
import { call } from '../lib/api';
import { count } from '../lib/format';
import { useApp, type Route } from '../store/app';

/** A link to another screen (keeps a real href so it can be opened with the keyboard and copied). */
export function DocLink({ to, param, children, label }: { to: Route; param: string; children?: ReactNode; label?: string }) {
  const go = useApp((s) => s.go);
  return (
    <a
      href={`#/${to}/${encodeURIComponent(param)}`}
      className="doc-link"
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        go(to, param);
      }}
    >
      {children ?? param}
    </a>
  );
}

export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange(offset: number): void }) {
  if (total <= limit) return <span className="muted small">{count(total)} in all</span>;
  const last = Math.min(total, offset + limit);
  return (
    <div className="row gap pager" role="navigation" aria-label="Pages">
      <button type="button" className="btn small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>Previous</button>
      <span className="muted small">{count(offset + 1)}–{count(last)} of {count(total)}</span>
      <button type="button" className="btn small" disabled={last >= total} onClick={() => onChange(offset + limit)}>Next</button>
    </div>
  );
}

/** Load `channel(input)` whenever the input changes; errors become toasts (via track). */
export function useCall<C extends Channel>(channel: C, input: Input<C> | null, label: string): { data: Output<C> | null; loading: boolean; reload(): void } {
  const [data, setData] = useState<Output<C> | null>(null);
  const [loading, setLoading] = useState(false);
  const [nonce, setNonce] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoading(true);
    void useApp
      .getState()
      .track(label, () => call(channel, JSON.parse(key) as Input<C>))
      .then((r) => {
        if (!live) return;
        setLoading(false);
        if (r !== undefined) setData(r);
      });
    return () => {
      live = false;
    };
  }, [channel, key, label, nonce]);
  return { data, loading, reload: () => setNonce((n) => n + 1) };
}

export function ScreenHead({ title, lede, children }: { title: string; lede?: ReactNode; children?: ReactNode }) {
  return (
    <header className="screen-head">
      <div>
        <h1>{title}</h1>
        {lede && <p className="lede">{lede}</p>}
      </div>
      {children}
    </header>
  );
}

export function BackLink({ to, label }: { to: Route; label: string }) {
  const go = useApp((s) => s.go);
  return (
    <a href={`#/${to}`} className="back-link" onClick={(e) => { e.preventDefault(); go(to); }}>← {label}</a>
  );
}
