import { isValidNpi, normalizeEin } from "../../codes/index.ts";
import type { ClaimProvider } from "../claim.types.ts";
import type { Rule, RuleHit } from "./types.ts";
import { isBlank } from "./util.ts";

function npiHits(provider: ClaimProvider, field: string, who: string): RuleHit[] {
  const path = `${field}.npi`;
  const npi = provider.npi;
  if (isBlank(npi)) {
    return [
      {
        path,
        message: `The ${who} has no NPI.`,
        fixHint: `Enter the ${who}'s 10-digit NPI (look it up in the NPPES NPI registry).`,
      },
    ];
  }
  if (isValidNpi(npi)) return [];
  const why = /^\d{10}$/.test(npi) ? "its check digit is wrong" : "an NPI is exactly 10 digits";
  return [
    {
      path,
      message: `The ${who}'s NPI "${npi}" is not a valid NPI (${why}).`,
      fixHint: `Check the ${who}'s NPI for a typo against the NPPES NPI registry and correct it on the provider record.`,
    },
  ];
}

export const npiBilling: Rule = {
  id: "npi.billing",
  severity: "error",
  title: "Billing provider NPI is a valid NPI",
  check: ({ claim }) => npiHits(claim.billingProvider, "billingProvider", "billing provider"),
};

export const npiRendering: Rule = {
  id: "npi.rendering",
  severity: "error",
  title: "Rendering provider NPI is a valid NPI",
  check: ({ claim }) => npiHits(claim.renderingProvider, "renderingProvider", "rendering provider"),
};

export const npiReferring: Rule = {
  id: "npi.referring",
  severity: "error",
  title: "Referring provider NPI is a valid NPI (when there is a referring provider)",
  check: ({ claim }) =>
    claim.referringProvider ? npiHits(claim.referringProvider, "referringProvider", "referring provider") : [],
};

export const billingTaxId: Rule = {
  id: "billing.taxid",
  severity: "error",
  title: "Billing provider has a 9-digit EIN and an address with a ZIP+4",
  check: ({ claim }) => {
    const bp = claim.billingProvider;
    const hits: RuleHit[] = [];
    const taxId = bp.taxId ?? "";
    if (isBlank(taxId)) {
      hits.push({
        path: "billingProvider.taxId",
        message: "The billing provider has no tax id (EIN); every claim must carry one.",
        fixHint:
          "Enter the practice's 9-digit Employer Identification Number on the practice (or billing provider) record.",
      });
    } else if (!/^\d{9}$/.test(taxId) || normalizeEin(taxId) === undefined) {
      hits.push({
        path: "billingProvider.taxId",
        message: `The billing provider's tax id "${taxId}" is not a valid EIN (9 digits, no hyphen, with an IRS-assigned prefix).`,
        fixHint:
          "Correct the EIN on the practice (or billing provider) record; copy it from the IRS letter (CP 575) or a W-9.",
      });
    }
    const address = bp.address;
    if (!address) {
      hits.push({
        path: "billingProvider.address",
        message: "The billing provider has no address.",
        fixHint:
          "Enter the practice's street address with its 9-digit ZIP+4 (a PO box is not accepted for the billing provider).",
      });
    } else if (!/^\d{9}$/.test(address.postalCode ?? "")) {
      hits.push({
        path: "billingProvider.address.postalCode",
        message: `The billing provider's ZIP "${address.postalCode ?? ""}" is not a 9-digit ZIP+4, which electronic claims require for the billing provider.`,
        fixHint: "Enter the full ZIP+4 as 9 digits without a hyphen (look the +4 up with the USPS ZIP code lookup).",
      });
    }
    return hits;
  },
};

export const PROVIDER_RULES: readonly Rule[] = [npiBilling, npiRendering, npiReferring, billingTaxId];
