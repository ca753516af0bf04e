// Share links: the whole state, deflated and base64url-encoded, in the URL
// fragment. No server stores anything.
export const MAX_LINK = 64 * 1024;
// MAX_INFLATED bounds what a link unpacks to: 64 KB of deflated text can
// hold tens of MB, more than any state a link was made from.
export const MAX_INFLATED = 8 << 20;

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const s = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const res = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

export async function encodeState(state) {
  const raw = new TextEncoder().encode(JSON.stringify(state));
  return "s=" + toBase64Url(await pipe(raw, new CompressionStream("deflate-raw")));
}

// decodeState reads a fragment into a raw state (its shape is checked by
// normalizeState); it throws an Error with a clear message for a damaged or
// oversized link.
export async function decodeState(fragment) {
  const text = fragment.replace(/^#/, "");
  if (!text.startsWith("s=")) throw new Error("This link holds no playground state.");
  if (text.length > MAX_LINK) throw new Error(`This link is too large (${Math.round(text.length / 1024)} KB; the limit is ${MAX_LINK / 1024} KB).`);
  let bytes;
  try {
    bytes = await pipe(fromBase64Url(text.slice(2)), new DecompressionStream("deflate-raw"));
  } catch {
    throw new Error("This link is damaged: its state could not be read. Was it cut when copied?");
  }
  if (bytes.length > MAX_INFLATED) {
    throw new Error(`This link unpacks to ${(bytes.length / 1e6).toFixed(1)} MB, more than the ${MAX_INFLATED >> 20} MB a link may hold.`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error("This link is damaged: its state could not be read. Was it cut when copied?");
  }
}
