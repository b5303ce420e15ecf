// Evidence completeness for one claim, from the proof Amazon accepts (DOMAIN.md §4.1–4.3):
// prepaid freight needs a POD signed or stamped at the fulfilment centre; collect freight needs a
// BOL signed by the carrier and not marked "shipper load and count" (SLC shifts shortage liability
// to the vendor), with the ARN; small parcel needs tracking showing delivery; every proof document
// must carry the PO number and the ship-to. Pure: the service gathers the facts.

export interface EvidenceItem {
  id: number;
  kind: 'bol' | 'pod' | 'carrier_tracking' | 'asn_transmission' | 'photo' | 'other';
  fileName: string;
  poNumber: string | null;
  shipmentId: string | null;
  signedAtFc: boolean;
  carrierSigned: boolean;
  shipperLoadCount: boolean;
  showsPo: boolean;
  showsShipTo: boolean;
}

export interface ShipmentFacts {
  shipmentId: string;
  freightTerms: string | null;
  shipmentType: string | null;
  arn: string | null;
  bol: string | null;
  cartons: number;
  trackingNumbers: number;
}

export interface EvidenceFacts {
  findingType: string;
  /** Description of the deduction line (chargeback issue names live there). */
  description: string | null;
  poNumbers: string[];
  invoiceImported: boolean;
  poImported: boolean;
  ackImported: boolean;
  ackAtInvoiceCost: boolean;
  shipments: ShipmentFacts[];
  remittanceLines: number;
  register: EvidenceItem[];
}

export interface Requirement {
  requirement: string;
  status: 'present' | 'missing';
  /** Where the proof is (register entry, imported document) or what is wrong with it. */
  detail: string;
}

const SHORTAGE_TYPES = new Set(['SHORTAGE_CLAIM_DISPUTABLE', 'SHORTAGE_CLAIM_VALID', 'UOM_MISMATCH', 'INVOICED_MORE_THAN_SHIPPED']);
const PRICE_TYPES = new Set(['PRICE_CLAIM_DISPUTABLE', 'PRICE_CLAIM_VALID']);

export type FreightMode = 'prepaid' | 'collect' | 'small_parcel' | 'unknown';

export function freightMode(s: ShipmentFacts): FreightMode {
  const type = (s.shipmentType ?? '').toLowerCase();
  if (/small|parcel|^sp$/.test(type) || (s.trackingNumbers > 0 && !s.bol)) return 'small_parcel';
  const terms = (s.freightTerms ?? '').toLowerCase();
  if (/collect|wepay|^cc$/.test(terms)) return 'collect';
  if (/prepaid|^pp$/.test(terms)) return 'prepaid';
  return 'unknown';
}

const present = (requirement: string, detail: string): Requirement => ({ requirement, status: 'present', detail });
const missing = (requirement: string, detail: string): Requirement => ({ requirement, status: 'missing', detail });

function forShipment(items: EvidenceItem[], s: ShipmentFacts, pos: string[]): EvidenceItem[] {
  return items.filter((e) => (e.shipmentId ? e.shipmentId === s.shipmentId : e.poNumber ? pos.includes(e.poNumber) : true));
}

export function evidenceCompleteness(f: EvidenceFacts): Requirement[] {
  const out: Requirement[] = [];
  const pos = f.poNumbers;
  const reg = f.register;
  const names = (items: EvidenceItem[]) => items.map((e) => `#${e.id} ${e.fileName}`).join(', ');

  if (f.remittanceLines > 0) out.push(present('Remittance extract (deduction rows as imported)', `${f.remittanceLines} row(s) in the Remittance extract sheet`));
  else out.push(missing('Remittance extract (deduction rows as imported)', 'no remittance line for this document has been imported'));

  if (SHORTAGE_TYPES.has(f.findingType) || PRICE_TYPES.has(f.findingType)) {
    out.push(f.invoiceImported ? present('Invoice (810 / Vendor Central invoice)', 'imported') : missing('Invoice (810 / Vendor Central invoice)', 'the invoice has not been imported'));
    out.push(f.poImported ? present('Purchase order', pos.join(', ') || 'imported') : missing('Purchase order', `PO ${pos.join(', ') || '(unknown)'} has not been imported`));
  }

  if (PRICE_TYPES.has(f.findingType)) {
    if (f.ackAtInvoiceCost) out.push(present('PO confirmation at the invoiced cost (855 / acknowledgement)', 'the imported acknowledgement confirms the invoiced unit cost'));
    else if (f.ackImported) out.push(missing('PO confirmation at the invoiced cost (855 / acknowledgement)', 'the acknowledgement does not confirm the invoiced cost: add the cost-change approval or deal terms'));
    else out.push(missing('PO confirmation at the invoiced cost (855 / acknowledgement)', 'no acknowledgement imported: add the 855 or a Vendor Central screenshot'));
    return out;
  }

  if (SHORTAGE_TYPES.has(f.findingType)) {
    out.push(f.ackImported ? present('PO confirmation (855 / acknowledgement)', 'imported') : missing('PO confirmation (855 / acknowledgement)', 'no acknowledgement imported: add the 855 or a screenshot'));
    if (f.shipments.length === 0) {
      out.push(missing('ASN with carton SSCCs', 'no ASN for this PO and ASIN has been imported'));
      out.push(missing('Proof of delivery (POD signed at the FC, or carrier-signed BOL, or tracking)', 'freight terms unknown without an ASN'));
      return out;
    }
    for (const s of f.shipments) {
      out.push(s.cartons > 0 ? present(`ASN ${s.shipmentId} with carton SSCCs`, `${s.cartons} carton(s) listed`) : missing(`ASN ${s.shipmentId} with carton SSCCs`, 'the ASN lists no cartons: the FC cannot tie receipts to it'));
      const items = forShipment(reg, s, pos);
      const mode = freightMode(s);
      let proofs: EvidenceItem[] = [];
      if (mode === 'small_parcel') {
        proofs = items.filter((e) => e.kind === 'carrier_tracking');
        out.push(proofs.length ? present(`Carrier tracking showing delivery (small parcel, ${s.shipmentId})`, names(proofs))
          : missing(`Carrier tracking showing delivery (small parcel, ${s.shipmentId})`, 'add the carrier tracking page showing delivered with the date'));
      } else if (mode === 'collect') {
        const bols = items.filter((e) => e.kind === 'bol');
        proofs = bols.filter((e) => e.carrierSigned && !e.shipperLoadCount);
        const slc = bols.filter((e) => e.shipperLoadCount);
        if (proofs.length) out.push(present(`BOL signed by the carrier (collect, ${s.shipmentId})`, names(proofs)));
        else if (slc.length) out.push(missing(`BOL signed by the carrier (collect, ${s.shipmentId})`, `${names(slc)} is marked shipper load and count: that shifts shortage liability to the vendor; get the carrier-counted BOL`));
        else if (bols.length) out.push(missing(`BOL signed by the carrier (collect, ${s.shipmentId})`, `${names(bols)} is not signed by the carrier`));
        else out.push(missing(`BOL signed by the carrier (collect, ${s.shipmentId})`, 'add the carrier-signed BOL with pallet and carton counts, PO, BOL and PRO numbers'));
        out.push(s.arn ? present(`ARN on record (collect, ${s.shipmentId})`, s.arn) : missing(`ARN on record (collect, ${s.shipmentId})`, 'the ASN carries no ARN: the BOL must show the Amazon Reference Number'));
      } else if (mode === 'prepaid') {
        const pods = items.filter((e) => e.kind === 'pod');
        proofs = pods.filter((e) => e.signedAtFc);
        if (proofs.length) out.push(present(`POD signed at the fulfilment centre (prepaid, ${s.shipmentId})`, names(proofs)));
        else if (pods.length) out.push(missing(`POD signed at the fulfilment centre (prepaid, ${s.shipmentId})`, `${names(pods)} is not signed or stamped at the FC`));
        else out.push(missing(`POD signed at the fulfilment centre (prepaid, ${s.shipmentId})`, 'add the POD signed or stamped by the fulfilment centre'));
      } else {
        proofs = items.filter((e) => (e.kind === 'pod' && e.signedAtFc) || (e.kind === 'bol' && e.carrierSigned && !e.shipperLoadCount) || e.kind === 'carrier_tracking');
        out.push(proofs.length ? present(`Proof of delivery (${s.shipmentId}, freight terms unknown)`, names(proofs))
          : missing(`Proof of delivery (${s.shipmentId}, freight terms unknown)`, 'prepaid: POD signed at the FC; collect: carrier-signed BOL (not SLC); small parcel: tracking'));
      }
      if (proofs.length) {
        const bad = proofs.filter((e) => !e.showsPo || !e.showsShipTo);
        out.push(bad.length === 0 ? present(`Proof documents show the PO and ship-to (${s.shipmentId})`, names(proofs))
          : missing(`Proof documents show the PO and ship-to (${s.shipmentId})`, `${names(bad)} does not show ${bad.some((e) => !e.showsPo) ? 'the PO number' : ''}${bad.some((e) => !e.showsPo) && bad.some((e) => !e.showsShipTo) ? ' and ' : ''}${bad.some((e) => !e.showsShipTo) ? 'the ship-to' : ''}`));
      }
    }
    return out;
  }

  if (f.findingType === 'CHARGEBACK') {
    const d = (f.description ?? '').toLowerCase();
    if (/asn/.test(d)) {
      const p = reg.filter((e) => e.kind === 'asn_transmission');
      out.push(p.length ? present('ASN transmission proof (997 / SP-API transaction status)', names(p)) : missing('ASN transmission proof (997 / SP-API transaction status)', 'add the 997 or the transaction-status timestamp'));
    } else if (/label|carton content/.test(d)) {
      const p = reg.filter((e) => e.kind === 'photo');
      out.push(p.length ? present('Carton photos showing the SSCC / AMZNCC label', names(p)) : missing('Carton photos showing the SSCC / AMZNCC label', 'add photos of the labelled cartons'));
    } else if (/on-?time|appointment/.test(d)) {
      const p = reg.filter((e) => e.kind === 'other' || e.kind === 'carrier_tracking' || e.kind === 'pod');
      out.push(p.length ? present('Carrier Central appointment request / POD inside the delivery window', names(p)) : missing('Carrier Central appointment request / POD inside the delivery window', 'add the appointment request (TL/LTL) or the POD with tracking (small parcel)'));
    } else {
      out.push(reg.length ? present('Evidence contradicting the chargeback', names(reg)) : missing('Evidence contradicting the chargeback', 'add the document that shows the charge is wrong'));
    }
    return out;
  }

  if (f.findingType === 'COOP_DEDUCTION') {
    out.push(reg.length ? present('Agreement terms / backup for the agreement invoice', names(reg)) : missing('Agreement terms / backup for the agreement invoice', 'add the agreement (Settings > Agreements) showing the terms'));
  }
  return out;
}
