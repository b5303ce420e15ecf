// Evidence completeness under Amazon's rules: what each freight mode needs, and what is wrong with
// a document that is there but does not count (shipper load and count, unsigned, no PO/ship-to).
import { describe, it, expect } from 'vitest';
import { evidenceCompleteness, freightMode, type EvidenceFacts, type EvidenceItem, type ShipmentFacts } from '../../core/export/evidence';

const ship = (o: Partial<ShipmentFacts> = {}): ShipmentFacts => ({ shipmentId: 'SH-1', freightTerms: 'prepaid', shipmentType: 'LTL', arn: null, bol: 'BOL-1', cartons: 5, trackingNumbers: 0, ...o });
const item = (o: Partial<EvidenceItem>): EvidenceItem => ({
  id: 1, kind: 'other', fileName: 'doc.pdf', poNumber: 'PO1', shipmentId: 'SH-1', signedAtFc: false, carrierSigned: false, shipperLoadCount: false, showsPo: true, showsShipTo: true, ...o,
});
const facts = (o: Partial<EvidenceFacts>): EvidenceFacts => ({
  findingType: 'SHORTAGE_CLAIM_DISPUTABLE', description: null, poNumbers: ['PO1'], invoiceImported: true, poImported: true, ackImported: true,
  ackAtInvoiceCost: true, shipments: [ship()], remittanceLines: 2, register: [], ...o,
});
const missing = (f: EvidenceFacts) => evidenceCompleteness(f).filter((r) => r.status === 'missing');

describe('evidence completeness', () => {
  it('freight modes from the ASN', () => {
    expect(freightMode(ship({ freightTerms: 'Collect' }))).toBe('collect');
    expect(freightMode(ship({ freightTerms: 'WePay' }))).toBe('collect');
    expect(freightMode(ship({ freightTerms: 'PrePaid' }))).toBe('prepaid');
    expect(freightMode(ship({ shipmentType: 'SmallParcel' }))).toBe('small_parcel');
    expect(freightMode(ship({ bol: null, trackingNumbers: 3, freightTerms: null }))).toBe('small_parcel');
    expect(freightMode(ship({ freightTerms: null }))).toBe('unknown');
  });

  it('collect needs a carrier-signed BOL that is not shipper load and count, and the ARN', () => {
    const collect = [ship({ freightTerms: 'collect' })];
    expect(missing(facts({ shipments: collect })).map((r) => r.requirement)).toEqual(['BOL signed by the carrier (collect, SH-1)', 'ARN on record (collect, SH-1)']);
    const slc = missing(facts({ shipments: collect, register: [item({ kind: 'bol', carrierSigned: true, shipperLoadCount: true, fileName: 'bol.pdf' })] }));
    expect(slc[0]!.detail).toMatch(/#1 bol\.pdf is marked shipper load and count/);
    const ok = missing(facts({ shipments: [ship({ freightTerms: 'collect', arn: '5512345678' })], register: [item({ kind: 'bol', carrierSigned: true })] }));
    expect(ok).toEqual([]);
  });

  it('prepaid needs a POD signed at the FC; small parcel needs tracking; proofs must show PO and ship-to', () => {
    expect(missing(facts({ register: [item({ kind: 'pod', signedAtFc: false })] }))[0]!.detail).toMatch(/not signed or stamped at the FC/);
    expect(missing(facts({ register: [item({ kind: 'pod', signedAtFc: true })] }))).toEqual([]);
    expect(missing(facts({ register: [item({ kind: 'pod', signedAtFc: true, showsPo: false })] })).map((r) => r.detail)).toEqual(['#1 doc.pdf does not show the PO number']);
    const parcel = [ship({ shipmentType: 'Small Parcel' })];
    expect(missing(facts({ shipments: parcel })).map((r) => r.requirement)).toEqual(['Carrier tracking showing delivery (small parcel, SH-1)']);
    expect(missing(facts({ shipments: parcel, register: [item({ kind: 'carrier_tracking' })] }))).toEqual([]);
    // Evidence registered for another shipment does not count for this one.
    expect(missing(facts({ register: [item({ kind: 'pod', signedAtFc: true, shipmentId: 'SH-2' })] }))).toHaveLength(1);
  });

  it('no ASN: the ASN and a proof of delivery are missing; price claims need the confirmation at the invoiced cost', () => {
    expect(missing(facts({ shipments: [] })).map((r) => r.requirement)).toEqual(['ASN with carton SSCCs', 'Proof of delivery (POD signed at the FC, or carrier-signed BOL, or tracking)']);
    expect(missing(facts({ findingType: 'PRICE_CLAIM_DISPUTABLE', ackAtInvoiceCost: false })).map((r) => r.detail)).toEqual(['the acknowledgement does not confirm the invoiced cost: add the cost-change approval or deal terms']);
    expect(missing(facts({ findingType: 'CHARGEBACK', description: 'ASN accuracy' })).map((r) => r.requirement)).toEqual(['ASN transmission proof (997 / SP-API transaction status)']);
    expect(missing(facts({ findingType: 'CHARGEBACK', description: 'Carton content label', register: [item({ kind: 'photo' })] }))).toEqual([]);
  });
});
