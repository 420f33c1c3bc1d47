import { isIP } from "node:net";
import { passesIbanMod97, passesLuhn } from "./check-digits.js";
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const PHONE_NANP = /(?<![\w+.-])(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?![-.]?\d)(?!\w)/g;
const PHONE_INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])/g;
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])/g;
const CARD = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
const IPV4 = /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?!\.?\d)(?!\w)/g;
const IPV6 = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;
const SECRET_PREFIXED = /(?<![\w-])(?:sk-ant-[A-Za-z0-9_-]{20,200}|sk-(?:proj-|or-v1-|svcacct-)?[A-Za-z0-9_-]{20,200}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255}|xox[abposr]-[A-Za-z0-9-]{10,200}|AIza[0-9A-Za-z_-]{35}|[sr]k_(?:live|test)_[0-9A-Za-z]{16,99}|glpat-[A-Za-z0-9_-]{20,60}|hf_[A-Za-z0-9]{30,60}|-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED )?PRIVATE KEY-----)/g;
const SECRET_ASSIGNED = /(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|credential|auth|bearer)["']?\s{0,4}(?:[:=]|=>|\s)\s{0,4}["']?(?:bearer\s{1,4})?([A-Za-z0-9+/_.~-]{20,200})/gi;
function spans(pattern, text, accept) {
  const out = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (!accept || accept(match[0])) out.push([match.index, match.index + match[0].length]);
  }
  return out;
}
function hasDigits(text, count) {
  let seen = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++seen >= count) return true;
  }
  return false;
}
function entropy(value) {
  const counts = /* @__PURE__ */ new Map();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function looksLikeSecret(value) {
  return /[a-z]/.test(value) && /[A-Z0-9]/.test(value) && /\d/.test(value) && entropy(value) >= 3.5;
}
const BUILTIN_DLP_DETECTORS = {
  email: { slug: "email", placeholder: "[EMAIL]", find: (text) => text.includes("@") ? spans(EMAIL, text) : [] },
  phone: {
    slug: "phone",
    placeholder: "[PHONE]",
    find: (text) => {
      if (!hasDigits(text, 7)) return [];
      const digitsBetween = (match) => {
        const digits = match.replace(/\D/g, "").length;
        return digits >= 8 && digits <= 15;
      };
      return [...spans(PHONE_NANP, text), ...spans(PHONE_INTL, text, digitsBetween)].sort((a, b) => a[0] - b[0]);
    }
  },
  ssn: { slug: "ssn", placeholder: "[SSN]", find: (text) => hasDigits(text, 9) ? spans(SSN, text) : [] },
  "credit-card": {
    slug: "credit-card",
    placeholder: "[CREDIT_CARD]",
    find: (text) => hasDigits(text, 13) ? spans(CARD, text, (match) => passesLuhn(match.replace(/[ -]/g, ""))) : []
  },
  "ip-address": {
    slug: "ip-address",
    placeholder: "[IP_ADDRESS]",
    find: (text) => {
      const found = text.includes(".") ? spans(IPV4, text) : [];
      if (text.includes(":")) {
        const v6 = spans(IPV6, text, (match) => {
          const groups = match.split(":").filter((group) => group !== "");
          return groups.length >= 2 && groups.join("").length >= 4 && isIP(match) === 6;
        });
        found.push(...v6);
      }
      return found.sort((a, b) => a[0] - b[0]);
    }
  },
  iban: { slug: "iban", placeholder: "[IBAN]", find: (text) => spans(IBAN, text, passesIbanMod97) },
  secret: {
    slug: "secret",
    placeholder: "[SECRET]",
    find: (text) => {
      const found = spans(SECRET_PREFIXED, text);
      SECRET_ASSIGNED.lastIndex = 0;
      for (let match = SECRET_ASSIGNED.exec(text); match !== null; match = SECRET_ASSIGNED.exec(text)) {
        const value = match[1];
        if (!looksLikeSecret(value)) continue;
        const start = match.index + match[0].length - value.length;
        found.push([start, start + value.length]);
      }
      return found.sort((a, b) => a[0] - b[0]);
    }
  }
};
const DLP_MAX_MATCH_CHARS = 256;
export {
  BUILTIN_DLP_DETECTORS,
  DLP_MAX_MATCH_CHARS
};
//# sourceMappingURL=builtin-dlp-detectors.js.map
