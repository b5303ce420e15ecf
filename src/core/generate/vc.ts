// Vendor Central Payments > Remittance "Export to a Spreadsheet" (DOMAIN.md §2.1): the sheet
// "Remittance payments" with the payment section, the hidden-lines warning row, the `Invoices`
// title row and the invoice-line section. Every cell is text, as Amazon writes it.
import type { GenPayment } from './model';
import { mdy, usd } from './text';

export const REMITTANCE_SHEET = 'Remittance payments';

export const PAYMENT_HEADER = [
  'Payment Number', 'Payment Date', 'Invoice Currency', 'Amount in Invoice Currency', 'Payment Currency', 'Amount in Payment Currency',
  'Exchange Rate', 'Payment Type', 'Payment Status', 'Payment Voided Reason',
];

export const LINE_HEADER = [
  'Payment Number', 'Invoice Number', 'Invoice Date', 'Description', 'Invoice Amount', 'Invoice Currency', 'Withholding Amount',
  'Terms Discount Taken', 'Amount Paid', 'Remaining Amount',
];

export const HIDDEN_LINES_TEXT =
  'One or more remittance items processed as part of this payment will not be displayed, as the corresponding ordering codes are not setup in your account.';

/** All rows of one export, in sheet order (the payment section needs every payment first). */
export function* remittanceRows(payments: readonly GenPayment[]): Generator<string[]> {
  yield PAYMENT_HEADER;
  for (const p of payments) {
    yield [p.paymentNumber, mdy(p.date), 'USD', usd(p.amountCents), 'USD', usd(p.amountCents), '1', 'Electronic Funds Transfer', 'Paid', ''];
  }
  const hidden = payments.filter((p) => p.hiddenCents !== 0).map((p) => p.paymentNumber);
  if (hidden.length) yield ['Payment Number', hidden.join(', '), HIDDEN_LINES_TEXT];
  yield [];
  yield ['Invoices'];
  yield LINE_HEADER;
  for (const p of payments) {
    for (const l of p.lines) {
      yield [
        p.paymentNumber, l.docNumber, mdy(l.docDate), l.description, usd(l.invoiceAmountCents), 'USD', usd(0), usd(l.discountCents),
        usd(l.paidCents), usd(l.remainingCents),
      ];
    }
  }
}
