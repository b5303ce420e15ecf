// A sheet as a model: columns with kinds, rows of typed values. Writers (XLSX streaming, CSV) turn
// it into cells; nothing here knows about exceljs or files.
import { defaultWidth, fitWidth, isFormula, type CellKind, type CellValue, type Column } from './cells';

export interface RowSpec {
  values: CellValue[];
  /** Per-cell kind overriding the column's (key/value sheets mix kinds in one column). */
  kinds?: Array<CellKind | null>;
  /** Currency of this row's money cells when it differs from the sheet's. */
  currency?: string;
  bold?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: Column[];
  currency: string;
  /** Header row frozen with an autofilter (tables); false for key/value and calculation layouts. */
  table: boolean;
  /** Header row written by the writer; false when the rows carry their own headings. */
  header?: boolean;
}

/** Size columns to their content (capped), for sheets whose rows are known before writing. */
export function sizeColumns(spec: SheetSpec, rows: readonly RowSpec[]): SheetSpec {
  const widths = spec.columns.map((c) => defaultWidth(c));
  for (const r of rows) {
    r.values.forEach((v, i) => {
      if (i >= widths.length) return;
      const kind = r.kinds?.[i] ?? spec.columns[i]!.kind;
      widths[i] = kind === 'text' && typeof v === 'string' && v.length > 60 ? Math.max(widths[i]!, 60) : fitWidth(widths[i]!, v);
    });
  }
  return { ...spec, columns: spec.columns.map((c, i) => ({ ...c, width: widths[i] })) };
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export const money = (cents: number | null | undefined): CellValue => (cents === null || cents === undefined ? null : cents);

export function formulaResult(v: CellValue): number | string | null {
  return isFormula(v) ? v.result : v;
}
