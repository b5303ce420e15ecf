// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchDto, ImportResultDto } from '../../../../shared/ipc';
import { click, installFakeApi, render, settle, type FakeApi } from '../../test-utils';
import { ImportScreen } from './ImportScreen';
import { useImports } from './store';
import { useApp } from '../../store/app';

const batch = (id: number, fileName: string, rowsStored: number, rowsRejected: number): BatchDto => ({
  id, fileName, format: 'vc_remittance_xlsx', sha256: 'a'.repeat(64), sizeBytes: 10_240, importedAt: Date.UTC(2026, 4, 31, 9, 30),
  rowsRead: rowsStored + rowsRejected, rowsStored, rowsDuplicate: 0, rowsRejected, marketplace: 'US', notes: null,
});

let fake: FakeApi;
let batches: BatchDto[];
let cleanup: (() => void) | undefined;

beforeEach(() => {
  batches = [batch(2, 'Payments_May.xlsx', 60, 1), batch(1, 'invoices.csv', 120, 0)];
  fake = installFakeApi({
    'batches:list': () => batches,
    'batches:rejects': ({ batchId }) => (batchId === 2 ? [{ location: 'row 14', field: 'Amount Paid', reason: 'Amount Paid "12,3O" is not a number', raw: null }] : []),
    'batches:undo': ({ batchId }) => {
      const b = batches.find((x) => x.id === batchId)!;
      batches = batches.filter((x) => x.id !== batchId);
      return b;
    },
  });
  useImports.setState({ batches: [], loaded: false, results: [], progress: [], rejectsFor: null, rejects: [], preview: null, reading: null });
  useApp.setState({ toasts: [], busy: 0 });
});

afterEach(() => cleanup?.());

describe('Import screen', () => {
  it('lists the import batches with their counts', async () => {
    const r = await render(<ImportScreen />);
    cleanup = r.unmount;
    await settle();
    const rows = [...r.container.querySelectorAll('[data-testid="batch-row"]')];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Payments_May.xlsx');
    expect(rows[0]!.textContent).toContain('Remittance export (XLSX)');
    expect([...rows[0]!.querySelectorAll('td.num')].map((td) => td.textContent)).toEqual(['61', '60', '0', '1']);
    expect(r.container.textContent).toContain('2 batches');
  });

  it('shows a batch\'s rejected rows with the reason', async () => {
    const r = await render(<ImportScreen />);
    cleanup = r.unmount;
    await settle();
    await click(r.container.querySelector('[data-testid="batch-row"] button.link'));
    const panel = r.container.querySelector('[data-testid="rejects-panel"]');
    expect(panel?.textContent).toContain('Rejected rows of Payments_May.xlsx');
    expect(panel?.textContent).toContain('Amount Paid "12,3O" is not a number');
    expect(fake.calls.find((c) => c.channel === 'batches:rejects')?.input).toEqual({ batchId: 2, limit: 1000 });
  });

  it('undoes an import only after confirmation, then refreshes the history', async () => {
    const r = await render(<ImportScreen />);
    cleanup = r.unmount;
    await settle();
    await click(r.container.querySelector('button[aria-label="Undo import of invoices.csv"]'));
    expect(fake.calls.some((c) => c.channel === 'batches:undo')).toBe(false);
    const confirm = [...r.container.querySelectorAll('button')].find((b) => b.textContent === 'Undo import');
    expect(r.container.textContent).toContain('Remove its 120 rows?');
    await click(confirm);
    expect(fake.calls.filter((c) => c.channel === 'batches:undo').map((c) => c.input)).toEqual([{ batchId: 1 }]);
    expect(r.container.querySelectorAll('[data-testid="batch-row"]')).toHaveLength(1);
    expect(useApp.getState().toasts.map((t) => t.title)).toContain('Import of invoices.csv undone');
  });

  it('turns a failed call into an error toast with the specific reason', async () => {
    installFakeApi({ 'batches:list': () => { throw new Error('the database is busy with another change; try again in a moment'); } });
    const r = await render(<ImportScreen />);
    cleanup = r.unmount;
    await settle();
    const t = useApp.getState().toasts.find((x) => x.kind === 'error');
    expect(t).toMatchObject({ title: 'Loading import history failed', detail: 'the database is busy with another change; try again in a moment' });
  });

  describe('preview before import', () => {
    const paths = ['/data/Remittance_June.csv', '/data/invoices.csv'];
    const results = (preview: boolean): ImportResultDto[] => [
      {
        fileName: 'Remittance_June.csv', status: 'imported', batchId: 3, format: 'vc_remittance_csv', rowsRead: 42, rowsStored: 40, rowsDuplicate: 1, rowsRejected: 1,
        rejects: [{ location: 'row 17', field: 'Amount Paid', reason: 'Amount Paid "1O.00" is not a number', raw: null }], notes: [], ...(preview ? { preview: true } : {}),
      },
      { fileName: 'invoices.csv', status: 'already_imported', batchId: 1, format: 'register_csv', importedAt: Date.UTC(2026, 4, 31, 9, 30) },
    ];
    beforeEach(() => {
      fake = installFakeApi({
        'batches:list': () => batches,
        'dialog:openFiles': () => ({ paths }),
        'import:preview': () => results(true),
        'import:progress': () => null,
        'import:files': () => {
          batches = [batch(3, 'Remittance_June.csv', 40, 1), ...batches];
          return results(false);
        },
      });
    });
    const button = (root: HTMLElement, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text);

    it('shows each file\'s detected format, counts and first rejects, and stores only on "Import"', async () => {
      const r = await render(<ImportScreen />);
      cleanup = r.unmount;
      await settle();
      await click(button(r.container, 'Choose files…'));
      await settle();
      expect(fake.calls.filter((c) => c.channel === 'import:preview').map((c) => c.input)).toEqual([{ paths }]);
      expect(fake.calls.some((c) => c.channel === 'import:files')).toBe(false);
      const rows = [...r.container.querySelectorAll('[data-testid="preview-row"]')];
      expect(rows).toHaveLength(2);
      expect([...rows[0]!.querySelectorAll('td.num')].map((td) => td.textContent)).toEqual(['42', '40', '1', '1']);
      expect(rows[0]!.textContent).toContain('row 17: Amount Paid "1O.00" is not a number');
      expect(rows[1]!.textContent).toContain('Already imported');
      expect(r.container.querySelectorAll('[data-testid="batch-row"]')).toHaveLength(2);

      await click(button(r.container, 'Import'));
      await settle();
      expect(fake.calls.filter((c) => c.channel === 'import:files').map((c) => c.input)).toEqual([{ paths }]);
      expect(r.container.querySelector('[data-testid="import-preview"]')).toBeNull();
      expect(r.container.querySelectorAll('[data-testid="batch-row"]')).toHaveLength(3);
      expect(r.container.querySelector('[data-testid="import-results"]')?.textContent).toContain('Imported with rejects');
    });

    it('stores nothing on "Cancel"', async () => {
      const r = await render(<ImportScreen />);
      cleanup = r.unmount;
      await settle();
      await click(button(r.container, 'Choose files…'));
      await settle();
      expect(r.container.querySelector('[data-testid="preview-table"]')).not.toBeNull();
      await click(button(r.container, 'Cancel'));
      await settle();
      expect(r.container.querySelector('[data-testid="import-preview"]')).toBeNull();
      expect(fake.calls.some((c) => c.channel === 'import:files')).toBe(false);
    });
  });

  it('shows the file being read with a labelled progress bar from the polled progress', async () => {
    const r = await render(<ImportScreen />);
    cleanup = r.unmount;
    await settle();
    useImports.setState({ progress: [{ name: 'big.csv', size: 4000, state: 'importing', sent: 1 }], reading: { fileName: 'big.csv', bytesRead: 1000, totalBytes: 4000, rows: 250 } });
    await settle();
    const bar = r.container.querySelector('progress[aria-label="big.csv progress"]') as HTMLProgressElement | null;
    expect(bar?.value).toBe(0.25);
    expect(r.container.textContent).toContain('reading 25% · 250 rows');
  });
});
