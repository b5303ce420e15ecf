// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimDto, FindingDetailDto } from '../../../../shared/ipc';
import { click, installFakeApi, render, settle, type FakeApi } from '../../test-utils';
import { FindingDetail } from './FindingDetail';
import { useFindings } from './store';
import { useApp } from '../../store/app';

const claim = (over: Partial<ClaimDto> = {}): ClaimDto => ({
  id: 7, findingId: 'f_abc', status: 'open', caseId: null, approvedCents: null, reason: null, amountCents: 45120, recoveredCents: 0,
  outstandingCents: 45120, currency: 'USD', disputeBy: '2026-06-10', updatedAt: 0, ...over,
});

function detail(c: ClaimDto, allowed: FindingDetailDto['allowedStatuses']): FindingDetailDto {
  return {
    finding: {
      id: 'f_abc', type: 'SHORTAGE_CLAIM_DISPUTABLE', severity: 'high', amount_cents: 45120, currency: 'USD', invoice_number: 'INV-10042',
      claim_number: 'INV-10042SC', po_number: '4B7XKQ2N', asin: 'B07DFYF5AB', payment_number: '367531888', shipment_id: 'SH-88120',
      dispute_by: '2026-06-10', explanation: 'Amazon deducted 451.20 for 24 units short on invoice INV-10042; the ASN shows 120 units shipped.',
      evidence: [{ kind: 'remit_line', ref: '367531888:INV-10042SC' }, { kind: 'po_line', ref: '4B7XKQ2N/B07DFYF5AB' }, { kind: 'asn_carton', ref: '00012345678901234567' }],
      vendor_code: 'NWHG7', doc_date: '2026-05-01',
    },
    claim: c, allowedStatuses: allowed, notes: [], evidenceFiles: [], audit: [],
  };
}

let fake: FakeApi;
let current: FindingDetailDto;
let cleanup: (() => void) | undefined;

beforeEach(() => {
  current = detail(claim(), ['to_dispute', 'disputed', 'wont_dispute', 'written_off']);
  fake = installFakeApi({
    'findings:get': () => current,
    'claims:setStatus': (input) => {
      if (input.status === 'disputed' && !input.caseId) throw new Error('a disputed claim needs the Amazon dispute / case id');
      const c = claim({ status: input.status, caseId: input.caseId ?? null });
      current = detail(c, ['approved', 'partially_approved', 'denied']);
      return c;
    },
  });
  useApp.setState({ toasts: [], busy: 0 });
  useFindings.setState({ openId: 'f_abc', detail: current });
});

afterEach(() => cleanup?.());

const buttons = (root: HTMLElement) => [...root.querySelectorAll('button')];

describe('Finding detail', () => {
  it('explains the finding, orders the evidence from PO to remittance and counts the days left', async () => {
    const r = await render(<FindingDetail asOf="2026-05-31" />);
    cleanup = r.unmount;
    expect(r.container.querySelector('[data-testid="explanation"]')?.textContent).toContain('24 units short');
    expect([...r.container.querySelectorAll('.tl-kind')].map((e) => e.textContent)).toEqual(['Purchase order line', 'ASN carton', 'Remittance line']);
    expect(r.container.textContent).toContain('10 days left');
    expect(r.container.querySelector('[data-testid="claim-status"]')?.textContent).toBe('Open');
  });

  it('asks for the Amazon case id before marking the claim disputed, then shows the new status', async () => {
    const r = await render(<FindingDetail asOf="2026-05-31" />);
    cleanup = r.unmount;
    await click(buttons(r.container).find((b) => b.textContent === 'Disputed'));
    expect(fake.calls.some((c) => c.channel === 'claims:setStatus')).toBe(false);
    const input = r.container.querySelector<HTMLInputElement>('.claim input')!;
    expect(input.closest('label')?.textContent).toContain('Amazon case / dispute id');
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, '1234567890');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(buttons(r.container).find((b) => b.textContent === 'Set Disputed'));
    await settle();
    expect(fake.calls.filter((c) => c.channel === 'claims:setStatus').map((c) => c.input)).toEqual([{ claimId: 7, status: 'disputed', caseId: '1234567890' }]);
    expect(r.container.querySelector('[data-testid="claim-status"]')?.textContent).toBe('Disputed');
    expect(buttons(r.container).map((b) => b.textContent)).toEqual(expect.arrayContaining(['Approved', 'Partially approved', 'Denied']));
  });

  it('moves straight to a status that needs nothing more', async () => {
    const r = await render(<FindingDetail asOf="2026-05-31" />);
    cleanup = r.unmount;
    await click(buttons(r.container).find((b) => b.textContent === 'To dispute'));
    await settle();
    expect(fake.calls.filter((c) => c.channel === 'claims:setStatus').map((c) => c.input)).toEqual([{ claimId: 7, status: 'to_dispute' }]);
    expect(useApp.getState().toasts.map((t) => t.title)).toContain('Status set to To dispute');
  });
});
