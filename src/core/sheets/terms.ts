// Payment terms as invoice registers write them: `Net 30`, `NET30`, `2% 10 Net 30`, `2/10 Net 30`,
// `2/10 N30`, `1.5% 15 days, net 45`. Unknown text is kept as written with no numbers derived.

export interface Terms {
  discountPercentBp: number | null;
  discountDays: number | null;
  netDays: number | null;
}

export function parseTerms(text: string): Terms {
  const t = text.trim().toUpperCase();
  const none: Terms = { discountPercentBp: null, discountDays: null, netDays: null };
  if (t === '') return none;
  const net = /\bN(?:ET)?\s*(\d{1,3})\b/.exec(t) ?? /^(\d{1,3})\s*DAYS?$/.exec(t);
  const disc = /(\d+(?:[.,]\d+)?)\s*%\s*(\d{1,3})\b/.exec(t) ?? /^(\d+(?:[.,]\d+)?)\s*\/\s*(\d{1,3})\b/.exec(t);
  const out: Terms = { ...none };
  if (net?.[1]) out.netDays = Number(net[1]);
  if (disc?.[1] && disc[2]) {
    const [whole, frac = ''] = disc[1].replace(',', '.').split('.');
    out.discountPercentBp = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
    out.discountDays = Number(disc[2]);
  }
  return out;
}
