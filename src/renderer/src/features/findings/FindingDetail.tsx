import { useEffect, useRef, useState } from 'react';
import type { ClaimStatusDto, FindingDetailDto } from '../../../../shared/ipc';
import { money, day, dateTime, bytes } from '../../lib/format';
import { useFindings, statusLabel } from './store';
import { DocLink } from '../../components/common';
import type { Route } from '../../store/app';
import { daysBetween, EVIDENCE_ORDER, evidenceLabel, todayIso, typeLabel } from './labels';

export function FindingDetail({ asOf }: { asOf: string | null }) {
  const { detail, openId, open, exportPack } = useFindings();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [openId]);
  const f = detail?.finding;
  return (
    <aside className="card detail" aria-labelledby="detail-title" data-testid="finding-detail">
      <div className="card-head">
        <h2 id="detail-title" ref={heading} tabIndex={-1}>{f ? typeLabel(f.type) : 'Loading…'}</h2>
        <button type="button" className="btn ghost small" onClick={() => void open(null)} aria-label="Close the finding">Close</button>
      </div>
      {f && detail && (
        <>
          <div className="detail-amount">
            <span className="big">{money(f.amount_cents, f.currency)}</span>
            <span className={`pill ${f.severity === 'high' ? 'bad' : f.severity === 'medium' ? 'warn' : 'neutral'}`}>{f.severity}</span>
          </div>
          <p className="explanation" data-testid="explanation">{f.explanation}</p>
          <Deadline disputeBy={f.dispute_by} asOf={asOf} />
          <dl className="facts">
            {([
              ['Finding', f.id, null],
              ['Claim / document', f.claim_number, null],
              ['Invoice', f.invoice_number, 'invoices'],
              ['PO', f.po_number, null],
              ['ASIN', f.asin, 'asin'],
              ['Payment', f.payment_number, 'payments'],
              ['Shipment', f.shipment_id, null],
              ['Vendor code', f.vendor_code, null],
              ['Document date', f.doc_date ? day(f.doc_date) : null, null],
            ] as Array<[string, string | null, Route | null]>).filter(([, v]) => v).map(([k, v, to]) => (
              <div key={k}><dt>{k}</dt><dd>{to ? <DocLink to={to} param={v!} label={`Open ${k.toLowerCase()} ${v}`} /> : v}</dd></div>
            ))}
          </dl>
          <Evidence evidence={f.evidence} />
          {detail.claim ? (
            <>
              <ClaimPanel detail={detail} />
              <button type="button" className="btn primary" onClick={() => void exportPack(f.id)} data-testid="export-pack">Export dispute pack</button>
              <EvidenceRegister detail={detail} />
              <Notes detail={detail} />
              <History detail={detail} />
            </>
          ) : (
            <p className="muted small">This finding is informational or not disputable with Amazon, so it has no claim to work.</p>
          )}
        </>
      )}
    </aside>
  );
}

function Deadline({ disputeBy, asOf }: { disputeBy: string | null; asOf: string | null }) {
  if (!disputeBy) return null;
  const left = daysBetween(asOf ?? todayIso(), disputeBy);
  const tone = left < 0 ? 'bad' : left <= 7 ? 'warn' : 'ok';
  return (
    <p className={`deadline ${tone}`}>
      Dispute by <strong>{day(disputeBy)}</strong> — {left < 0 ? `${-left} days past the deadline` : left === 0 ? 'today' : `${left} days left`}
      {asOf ? <span className="muted small"> (as of {day(asOf)})</span> : null}
    </p>
  );
}

function Evidence({ evidence }: { evidence: Array<{ kind: string; ref: string }> }) {
  if (!evidence.length) return null;
  const rank = (k: string) => {
    const i = EVIDENCE_ORDER.indexOf(k);
    return i < 0 ? EVIDENCE_ORDER.length : i;
  };
  const sorted = [...evidence].sort((a, b) => rank(a.kind) - rank(b.kind));
  return (
    <section aria-labelledby="evidence-title">
      <h3 id="evidence-title">Evidence chain</h3>
      <ol className="timeline">
        {sorted.map((e, i) => (
          <li key={`${e.kind}-${e.ref}-${i}`}>
            <span className="tl-kind">{evidenceLabel(e.kind)}</span>
            <span className="tl-ref">{e.ref}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const NEEDS: Partial<Record<ClaimStatusDto, 'caseId' | 'amount' | 'reason'>> = {
  disputed: 'caseId',
  partially_approved: 'amount',
  wont_dispute: 'reason',
};

function ClaimPanel({ detail }: { detail: FindingDetailDto }) {
  const claim = detail.claim!;
  const setStatus = useFindings((s) => s.setStatus);
  const [target, setTarget] = useState<ClaimStatusDto | null>(null);
  const [value, setValue] = useState('');
  const need = target ? NEEDS[target] : undefined;
  const submit = async () => {
    if (!target) return;
    const input: { status: string; caseId?: string; amountCents?: number; reason?: string } = { status: target };
    if (need === 'caseId') input.caseId = value;
    if (need === 'reason') input.reason = value;
    if (need === 'amount') {
      const cents = Math.round(Number(value.replace(/[^0-9.]/g, '')) * 100);
      input.amountCents = cents;
    }
    if (await setStatus(input)) {
      setTarget(null);
      setValue('');
    }
  };
  return (
    <section aria-labelledby="claim-title" className="claim">
      <h3 id="claim-title">Claim</h3>
      <p>
        Status: <strong data-testid="claim-status">{statusLabel(claim.status)}</strong>
        {claim.caseId ? <> · case {claim.caseId}</> : null}
        {claim.recoveredCents ? <> · recovered {money(claim.recoveredCents, claim.currency)}</> : null}
        {' '}· outstanding {money(claim.outstandingCents, claim.currency)}
      </p>
      {claim.reason && <p className="muted small">Reason: {claim.reason}</p>}
      {detail.allowedStatuses.length > 0 && (
        <div className="row gap wrap" role="group" aria-label="Change status">
          {detail.allowedStatuses.map((s) => (
            <button key={s} type="button" className={`btn small${target === s ? ' primary' : ''}`} onClick={() => (NEEDS[s] ? setTarget(s) : void setStatus({ status: s }))}>
              {statusLabel(s)}
            </button>
          ))}
        </div>
      )}
      {target && need && (
        <form
          className="row gap wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="grow">
            <span className="small">{need === 'caseId' ? 'Amazon case / dispute id' : need === 'amount' ? 'Approved amount' : "Why you won't dispute it"}</span>
            <input autoFocus required value={value} onChange={(e) => setValue(e.target.value)} inputMode={need === 'amount' ? 'decimal' : 'text'} />
          </label>
          <button type="submit" className="btn primary small">Set {statusLabel(target)}</button>
          <button type="button" className="btn ghost small" onClick={() => setTarget(null)}>Cancel</button>
        </form>
      )}
    </section>
  );
}

const EVIDENCE_KIND_LABELS: Record<string, string> = {
  bol: 'Bill of lading (BOL)',
  pod: 'Proof of delivery (POD)',
  carrier_tracking: 'Carrier tracking',
  asn_transmission: 'ASN transmission record',
  photo: 'Photo',
  other: 'Other',
};

function EvidenceRegister({ detail }: { detail: FindingDetailDto }) {
  const add = useFindings((s) => s.addEvidence);
  const [kind, setKind] = useState<keyof typeof EVIDENCE_KIND_LABELS>('pod');
  const [description, setDescription] = useState('');
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-labelledby="evidence-files-title">
      <h3 id="evidence-files-title">Evidence register</h3>
      {detail.evidenceFiles.length === 0 ? (
        <p className="muted small">No files yet. Amazon asks for a signed BOL or POD for shortage disputes.</p>
      ) : (
        <ul className="plain notes" data-testid="evidence-files">
          {detail.evidenceFiles.map((e) => (
            <li key={e.id}><strong>{e.fileName}</strong> <span className="muted small">{EVIDENCE_KIND_LABELS[e.kind] ?? e.kind} · {bytes(e.sizeBytes)}{e.description ? ` · ${e.description}` : ''}</span></li>
          ))}
        </ul>
      )}
      <div className="row gap wrap">
        <label><span className="sr-only">Kind of evidence</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {Object.entries(EVIDENCE_KIND_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label className="grow"><span className="sr-only">Description</span><input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Description (optional)" /></label>
        <button type="button" className="btn small" onClick={() => input.current?.click()}>Add file…</button>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="Evidence file"
          data-testid="evidence-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void add(file, kind as 'pod', description.trim() || null).then((ok) => ok && setDescription(''));
          }}
        />
      </div>
    </section>
  );
}

function Notes({ detail }: { detail: FindingDetailDto }) {
  const addNote = useFindings((s) => s.addNote);
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="notes-title">
      <h3 id="notes-title">Notes</h3>
      {detail.notes.length === 0 && <p className="muted small">No notes yet.</p>}
      <ul className="plain notes">
        {detail.notes.map((n) => (
          <li key={n.id}><p>{n.text}</p><span className="muted small">{n.actor} · {dateTime(n.at)}</span></li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void addNote(text).then((ok) => ok && setText(''));
        }}
        className="row gap"
      >
        <label className="grow"><span className="sr-only">New note</span><input value={text} onChange={(e) => setText(e.target.value)} placeholder="Add a note…" /></label>
        <button type="submit" className="btn small">Add</button>
      </form>
    </section>
  );
}

function History({ detail }: { detail: FindingDetailDto }) {
  if (!detail.audit.length) return null;
  return (
    <details>
      <summary>History ({detail.audit.length})</summary>
      <ul className="plain history">
        {detail.audit.map((a) => (
          <li key={a.id}><span>{a.action.replace(/^claim\./, '')}</span> <span className="muted small">{a.actor} · {dateTime(a.at)}</span></li>
        ))}
      </ul>
    </details>
  );
}
