// Amazon Selling Partner API vendor payloads (orders, order status, shipment confirmations,
// invoices, finances invoices), as the API returns them or wrapped in `payload`.
import type { ParseChunk, ParseContext } from '../records';
import { UnreadableFileError } from '../records';

export function parseSpApi(_doc: unknown, ctx: ParseContext): ParseChunk {
  throw new UnreadableFileError(`${ctx.fileName}: SP-API JSON is not supported yet`);
}
