// Schema 4: indexes for the document screens. The ASIN ledger looks every document up by ASIN
// alone, and the (po_number, asin) indexes cannot serve that; the invoice list sorts by date.
export const sql = /* sql */ `
CREATE INDEX IF NOT EXISTS po_line_asin ON po_line(asin);
CREATE INDEX IF NOT EXISTS shipment_line_asin ON shipment_line(asin);
CREATE INDEX IF NOT EXISTS receipt_asin ON receipt(asin);
CREATE INDEX IF NOT EXISTS invoice_line_asin ON invoice_line(asin);
CREATE INDEX IF NOT EXISTS finding_asin ON finding(asin);
CREATE INDEX IF NOT EXISTS invoice_date ON invoice(invoice_date);
`;
