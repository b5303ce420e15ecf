// Turning file bytes into text: BOMs, UTF-16 and Windows-1252 (what Excel's "Save as CSV" writes
// on many machines) are recognised so no character is silently mangled.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a BOM: every other byte of ASCII text is zero.
  const sample = bytes.subarray(0, Math.min(bytes.length, 512));
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZero++;
    else oddZero++;
  }
  if (sample.length >= 4 && oddZero > sample.length / 4 && evenZero === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (sample.length >= 4 && evenZero > sample.length / 4 && oddZero === 0) return { encoding: 'utf-16be', bomLength: 0 };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    utf8.decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const { encoding, bomLength } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength));
  return { text, encoding };
}
