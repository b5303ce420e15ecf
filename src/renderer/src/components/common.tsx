// Links between screens: a real href (copyable, keyboard-openable) that navigates in-app.
import type { ReactNode } from 'react';
import { useApp, type Route } from '../store/app';

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
