import { useApp } from '../../store/app';

/** The worklist arrives with the reconciliation engine (findings:list); until then, say so plainly. */
export function FindingsScreen() {
  const info = useApp((s) => s.info);
  const ready = info?.channels.includes('findings:list') ?? false;
  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <h1>Findings</h1>
          <p className="lede">Every discrepancy that costs or may cost money, with the documents that prove it.</p>
        </div>
      </header>
      {!ready && (
        <section className="card">
          <p className="empty">Reconciliation is not part of this build yet. Imported documents are stored and will be matched when it arrives.</p>
        </section>
      )}
    </div>
  );
}
