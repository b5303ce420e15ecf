// ANSI X12 interchanges (810, 820, 850, 855, 856) read as a stream of text chunks.
import type { ParseChunk, ParseContext } from '../records';
import { UnreadableFileError } from '../records';

export async function* parseX12(chunks: AsyncIterable<string>, ctx: ParseContext): AsyncIterable<ParseChunk> {
  for await (const _chunk of chunks) {
    throw new UnreadableFileError(`${ctx.fileName}: X12 is not supported yet`);
  }
}
