// Mapping profiles: how the columns of a register export map to Recoup's fields.
export interface MappingProfile {
  id: string;
  name: string;
  /** invoices | shipments | purchase_orders | receipts */
  target: string;
  /** Normalised header fingerprint the profile was made for. */
  fingerprint: string;
  /** Field → header text as found in the file. */
  columns: Record<string, string>;
  dateOrder?: 'MDY' | 'DMY';
  decimal?: 'point' | 'comma';
  builtin: boolean;
}
