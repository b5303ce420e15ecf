// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRowDto, AuditVerifyDto } from '../../../../shared/ipc-documents';
import { AuditScreen, actionLabel, useAudit } from './AuditScreen';
import { useApp } from '../../store/app';
import { click, fakeApi, mount, setValue, text } from '../payments/test-helpers';

const entry = (id: number, action: string, actor: string, after: unknown): AuditRowDto => ({
  id, at: Date.UTC(2026, 4, 31, 9, id), actor, action, entity: action === 'import' ? 'import_batch' : 'claim', entityId: String(id), before: null,
  after: JSON.stringify(after), hash: `${id}`.padStart(64, 'a'),
});

let calls: Array<{ channel: string; input: unknown }>;
let verify: AuditVerifyDto;
let cleanup: (() => void) | undefined;
const entries = [entry(3, 'claim.status', 'ana', { status: 'disputed', caseId: '1234' }), entry(2, 'import', 'demo', { file: 'Payments.xlsx' }), entry(1, 'import', 'demo', { file: '810.edi' })];

beforeEach(() => {
  verify = { ok: false, entries: 2, brokenAt: 2, reason: 'entry 2 was altered after it was written (hash mismatch)' };
  calls = fakeApi({
    'audit:list': ({ filter }) => {
      const items = entries.filter((e) => (!filter?.action || e.action === filter.action) && (!filter?.actor || e.actor === filter.actor));
      return { items, total: items.length, actions: ['claim.status', 'import'], actors: ['ana', 'demo'], entities: ['claim', 'import_batch'] };
    },
    'audit:verify': () => verify,
  });
  useAudit.setState({ filter: {}, offset: 0, page: null, verify: null });
  useApp.setState({ toasts: [], busy: 0 });
});

afterEach(() => cleanup?.());

describe('Audit log screen', () => {
  it('lists entries in plain words and filters by action', async () => {
    const r = await mount(<AuditScreen />);
    cleanup = r.unmount;
    const rows = [...r.container.querySelectorAll('[data-testid="audit-row"]')];
    expect(rows).toHaveLength(3);
    expect(text(rows[0])).toContain('Claim status changed');
    expect(text(rows[0])).toContain('status: disputed · caseId: 1234');
    expect(actionLabel('undo-import')).toBe('Undid an import');
    await setValue(r.container.querySelector('[data-testid="audit-action"]'), 'import');
    expect(calls.at(-1)).toMatchObject({ channel: 'audit:list', input: { filter: { action: 'import' }, offset: 0 } });
    expect(r.container.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(2);
    expect(text(r.container.querySelector('[data-testid="audit-total"]'))).toBe('2');
  });

  it('reports where the hash chain breaks', async () => {
    const r = await mount(<AuditScreen />);
    cleanup = r.unmount;
    await click(r.container.querySelector('[data-testid="verify-audit"]'));
    const result = r.container.querySelector('[data-testid="verify-result"]');
    expect(text(result)).toContain('Broken at entry 2.');
    expect(text(result)).toContain('hash mismatch');
    expect(result!.className).toContain('bad');
    verify = { ok: true, entries: 3 };
    await click(r.container.querySelector('[data-testid="verify-audit"]'));
    expect(text(r.container.querySelector('[data-testid="verify-result"]'))).toBe('Intact. All 3 entries link to the one before and match their hashes.');
  });
});
