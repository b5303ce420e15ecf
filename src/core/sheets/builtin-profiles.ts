// Built-in register layouts, as data: header synonyms per field, as vendors' ERPs and Vendor
// Central export invoices, shipments (ASNs), purchase orders and receipts. A sheet is matched to
// the profile whose synonyms cover the most of its headers with every required field present;
// a tie between targets, or no profile, is reported with the headers found (never guessed).
import type { MappingProfile } from './profiles';

const ITEM = {
  poNumber: ['PO', 'PO Number', 'PO #', 'PO No', 'Purchase Order', 'Purchase Order Number', 'Purchase Order #', 'Amazon PO', 'PO Num'],
  asin: ['ASIN', 'Amazon ASIN', 'Amazon Product Identifier', 'Buyer Part Number'],
  vendorSku: ['Vendor SKU', 'Model Number', 'Model No', 'External Id', 'External ID', 'SKU', 'Vendor Product Identifier', 'Item Number', 'Part Number', 'Vendor Item Number', 'Item Code'],
  upc: ['UPC', 'UPC Code', 'UPC-A'],
  ean: ['EAN', 'EAN Code', 'EAN13', 'EAN-13', 'GTIN'],
  uom: ['UOM', 'Unit of Measure', 'Unit Of Measure Code', 'Units', 'Qty UOM', 'Quantity UOM'],
  caseSize: ['Case Size', 'Unit Size', 'Case Pack', 'Case Pack Quantity', 'Pack Size', 'Units per Case', 'Units Per Case', 'Inner Pack'],
  lineNo: ['Line', 'Line Number', 'Line No', 'Line #', 'Item Sequence Number', 'Seq', 'Sequence'],
  currency: ['Currency', 'Currency Code', 'Invoice Currency'],
};

const COST = {
  unitCost: ['Unit Cost', 'Cost', 'Net Cost', 'Net Unit Cost', 'Unit Price', 'Cost Price', 'Price', 'Invoice Cost', 'Item Cost'],
  lineAmount: ['Line Amount', 'Extended Cost', 'Extended Price', 'Line Total', 'Total Cost', 'Amount', 'Line Value'],
};

const ANY_ITEM = ['asin', 'vendorSku', 'upc', 'ean'];

export const BUILTIN_PROFILES: MappingProfile[] = [
  {
    id: 'builtin-invoices',
    name: 'Invoice register (invoice lines by PO and item)',
    target: 'invoices',
    fingerprint: '',
    columns: {},
    synonyms: {
      ...ITEM,
      ...COST,
      invoiceNumber: ['Invoice Number', 'Invoice No', 'Invoice #', 'Invoice', 'Invoice ID', 'Vendor Invoice Number'],
      invoiceDate: ['Invoice Date', 'Date Invoiced', 'Document Date'],
      dueDate: ['Due Date', 'Payment Due Date', 'Net Due Date'],
      terms: ['Terms', 'Payment Terms', 'Terms Code'],
      invoiceTotal: ['Invoice Total', 'Invoice Amount', 'Total Invoice Amount', 'Document Total'],
      invoiceType: ['Invoice Type', 'Document Type', 'Type'],
      vendorCode: ['Vendor Code', 'Vendor ID', 'Amazon Vendor Code'],
      remitTo: ['Remit To', 'Payee'],
      shipTo: ['Ship To', 'Ship To Location', 'FC', 'Fulfillment Center', 'Warehouse'],
      shipFrom: ['Ship From', 'Ship From Location'],
      status: ['Status', 'Invoice Status'],
      qty: ['Quantity Invoiced', 'Invoiced Quantity', 'Qty Invoiced', 'Invoice Quantity', 'Invoice Qty', 'Qty', 'Quantity', 'Units Invoiced'],
    },
    required: ['invoiceNumber', 'qty', ['unitCost', 'lineAmount'], ANY_ITEM],
    builtin: true,
  },
  {
    id: 'builtin-shipments',
    name: 'ASN / shipment register (lines by carton)',
    target: 'shipments',
    fingerprint: '',
    columns: {},
    synonyms: {
      ...ITEM,
      shipmentId: ['Shipment ID', 'Shipment Id', 'ASN', 'ASN Number', 'ASN ID', 'Shipment Number', 'Shipment Identifier', 'BSN'],
      containerId: ['Carton ID', 'Carton', 'SSCC', 'Carton SSCC', 'Container ID', 'Carton Label', 'AMZNCC'],
      palletId: ['Pallet ID', 'Pallet SSCC', 'Pallet'],
      trackingNumber: ['Tracking Number', 'Tracking', 'Tracking No', 'Tracking ID'],
      bol: ['BOL', 'BOL Number', 'Bill of Lading', 'Bill of Lading Number'],
      pro: ['PRO', 'PRO Number', 'Carrier Reference'],
      arn: ['ARN', 'Amazon Reference Number'],
      carrier: ['Carrier', 'SCAC', 'Carrier SCAC'],
      shipDate: ['Ship Date', 'Shipped Date', 'Shipment Date', 'Date Shipped'],
      deliveryDate: ['Delivery Date', 'Estimated Delivery Date', 'Expected Delivery Date', 'Delivered Date'],
      shipTo: ['Ship To', 'Ship To Location', 'FC', 'Ship To FC', 'Destination', 'Fulfillment Center', 'Warehouse'],
      shipFrom: ['Ship From', 'Ship From Location', 'Origin'],
      freightTerms: ['Freight Terms', 'Freight', 'Payment Method'],
      shipmentType: ['Shipment Type', 'Mode', 'Shipment Mode'],
      vendorCode: ['Vendor Code', 'Vendor ID'],
      qty: ['Quantity Shipped', 'Shipped Quantity', 'Qty Shipped', 'Units Shipped', 'Qty', 'Quantity'],
    },
    required: ['shipmentId', 'poNumber', 'qty', ANY_ITEM],
    builtin: true,
  },
  {
    id: 'builtin-purchase-orders',
    name: 'Purchase order register (PO lines)',
    target: 'purchase_orders',
    fingerprint: '',
    columns: {},
    synonyms: {
      ...ITEM,
      unitCost: COST.unitCost,
      orderDate: ['Order Date', 'PO Date', 'Ordered On', 'Order Placed Date'],
      windowStart: ['Window Start', 'Ship Window Start', 'Delivery Window Start', 'Window Start Date'],
      windowEnd: ['Window End', 'Ship Window End', 'Delivery Window End', 'Window End Date'],
      shipTo: ['Ship To', 'Ship To Location', 'FC', 'Ship to location', 'Fulfillment Center', 'Warehouse'],
      vendorCode: ['Vendor Code', 'Vendor', 'Vendor ID'],
      status: ['Status', 'PO Status', 'Order Status'],
      // No bare `Qty` here: PO, ASIN and Qty alone could as well be receipts or open items.
      qty: ['Quantity Ordered', 'Ordered Quantity', 'Qty Ordered', 'Order Quantity', 'Order Qty', 'Quantity Requested', 'Requested Quantity', 'Quantity Submitted', 'Submitted Quantity'],
    },
    required: ['poNumber', 'qty', ANY_ITEM],
    builtin: true,
  },
  {
    id: 'builtin-receipts',
    name: 'Receipt register (units received by PO and item)',
    target: 'receipts',
    fingerprint: '',
    columns: {},
    synonyms: {
      ...ITEM,
      receiveDate: ['Receive Date', 'Received Date', 'Receipt Date', 'Date Received', 'Last Receive Date'],
      shipTo: ['FC', 'Ship To', 'Warehouse', 'Fulfillment Center', 'Receiving FC'],
      status: ['Status', 'Receive Status', 'Receipt Status'],
      qty: ['Quantity Received', 'Received Quantity', 'Qty Received', 'Units Received', 'Received Qty', 'Qty', 'Quantity'],
    },
    required: ['poNumber', 'qty', 'receiveDate', ANY_ITEM],
    builtin: true,
  },
  {
    // Payments > Invoices "Export all" (DOMAIN.md §2.3): one row per invoice, no lines. The
    // header names come from a scraper that assigns columns by position, so synonyms are wide.
    id: 'builtin-vc-invoices-export',
    name: 'Vendor Central Payments > Invoices export',
    target: 'invoices',
    fingerprint: '',
    columns: {},
    synonyms: {
      marketplace: ['Marketplace'],
      invoiceNumber: ['Invoice number', 'Invoice Number', 'Invoice #', 'Invoice ID'],
      invoiceDate: ['Invoice Date'],
      dueDate: ['Payment Due date', 'Payment Due Date', 'Due Date'],
      status: ['Status', 'Invoice Status'],
      paidAmount: ['Actual Paid Amount', 'Paid Amount', 'Amount Paid'],
      remitTo: ['Payee'],
      creationDate: ['Creation Date', 'Created Date'],
      invoiceTotal: ['Price', 'Invoice Amount', 'Amount'],
      deductions: ['Any Deductions', 'Deductions'],
      currency: ['Currency', 'Invoice Currency'],
    },
    required: ['invoiceNumber', 'invoiceTotal', 'status', 'paidAmount'],
    builtin: true,
  },
];

/** Targets whose rows are header-only documents (no item lines). */
export const HEADER_ONLY_PROFILES: ReadonlySet<string> = new Set(['builtin-vc-invoices-export']);
