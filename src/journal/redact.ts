/**
 * Replaces every secret value (from `${env:NAME}`) in serialized text with its placeholder.
 * Works on JSON text too: the secret is matched in its JSON-escaped form.
 */
export function redactText(text: string, secrets: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [value, placeholder] of secrets) {
    if (value.length < 3) continue; // too short to tell apart from ordinary text
    out = out.split(value).join(placeholder);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) out = out.split(escaped).join(JSON.stringify(placeholder).slice(1, -1));
  }
  return out;
}
