/** Descriptions of common claim status category codes (507), claim status codes (508) and entity codes. */

export const STATUS_CATEGORIES: Readonly<Record<string, string>> = {
  A0: "Acknowledgement/Forwarded: the claim has been forwarded to another entity",
  A1: "Acknowledgement/Receipt: the claim has been received (not yet accepted for adjudication)",
  A2: "Acknowledgement/Acceptance into adjudication system",
  A3: "Acknowledgement/Returned as unprocessable claim",
  A4: "Acknowledgement/Not found",
  A5: "Acknowledgement/Split claim",
  A6: "Acknowledgement/Rejected for missing information",
  A7: "Acknowledgement/Rejected for invalid information",
  A8: "Acknowledgement/Rejected for relational field in error",
  P0: "Pending: adjudication/details are not available",
  P1: "Pending/In process",
  P2: "Pending/Payer review",
  P3: "Pending/Provider requested information",
  P4: "Pending/Patient requested information",
  P5: "Pending/Payer administrative/system hold",
  F0: "Finalized",
  F1: "Finalized/Payment: the claim has been paid",
  F2: "Finalized/Denial: the claim has been denied",
  F3: "Finalized/Revised: adjudication information has been changed",
  F3F: "Finalized/Forwarded: the claim has been forwarded to another entity as part of its processing",
  F3N: "Finalized/Not forwarded",
  F4: "Finalized/Adjudication complete: no payment forthcoming",
  R0: "Requests for additional information/General requests",
  R1: "Requests for additional information/Entity requests",
  R3: "Requests for additional information/Claim/line",
  R4: "Requests for additional information/Documentation",
  R5: "Request for more specific detail",
  E0: "Response not possible: error on submitted request data",
  E1: "Response not possible: system status",
  E2: "Information holder is not responding; resubmit at a later time",
  E3: "Correction required: relational fields in error",
  E4: "Trading partner agreement specific requirement not met",
  D0: "Data search unsuccessful",
};

export const STATUS_CODES: Readonly<Record<string, string>> = {
  "0": "Cannot provide further status electronically",
  "1": "For more detailed information, see remittance advice",
  "2": "More detailed information in letter",
  "3": "Claim has been adjudicated and is awaiting payment cycle",
  "15": "One or more originally submitted procedure codes have been modified",
  "16": "Claim/encounter has been forwarded to entity",
  "19": "Entity acknowledges receipt of claim/encounter",
  "20": "Accepted for processing",
  "21": "Missing or invalid information",
  "23": "Returned to entity",
  "24": "Entity not approved as an electronic submitter",
  "25": "Entity not approved",
  "26": "Entity not found",
  "27": "Policy canceled",
  "29": "Subscriber and policy number/contract number mismatched",
  "30": "Subscriber and subscriber id mismatched",
  "31": "Subscriber and policyholder name mismatched",
  "32": "Subscriber and policy number/contract number not found",
  "33": "Subscriber and subscriber id not found",
  "34": "Subscriber and policyholder name not found",
  "35": "Claim/encounter not found",
  "54": "Duplicate of a previously processed claim/line",
  "65": "Claim/line has been paid",
  "78": "Duplicate of an existing claim/line, awaiting processing",
  "84": "Service not authorized",
  "85": "Entity not primary",
  "86": "Diagnosis and patient gender mismatch",
  "88": "Entity not eligible for benefits for submitted dates of service",
  "97": "Patient eligibility not found with entity",
  "101": "Claim was processed as adjustment to previous claim",
  "104": "Processed according to plan provisions",
  "107": "Processed according to contract provisions",
  "109": "Entity not eligible",
  "116": "Claim submitted to incorrect payer",
  "125": "Entity's name",
  "126": "Entity's address",
  "128": "Entity's tax id",
  "145": "Entity's specialty/taxonomy code",
  "153": "Entity's id number",
  "156": "Patient relationship to subscriber",
  "157": "Entity's gender",
  "158": "Entity's date of birth",
  "163": "Entity's policy/group number",
  "164": "Entity's contract/member number",
  "178": "Submitted charges",
  "187": "Date(s) of service",
  "188": "Statement from-through dates",
  "247": "Line information",
  "248": "Accident date, state, description and cause",
  "249": "Place of service",
  "254": "Principal diagnosis code",
  "255": "Diagnosis code",
  "317": "Requested information was not received",
  "400": "Claim is out of balance",
  "453": "Procedure code modifier(s) for service(s) rendered",
  "454": "Procedure code for services rendered",
  "464": "Payer assigned claim control number",
  "476": "Missing or invalid units of service",
  "477": "Diagnosis code pointer is missing or invalid",
  "479": "Other carrier payer ID is missing or invalid",
  "480": "Entity's claim filing indicator",
  "500": "Entity's postal/zip code",
  "501": "Entity's state/province",
  "502": "Entity's city",
  "503": "Entity's street address",
  "504": "Entity's last name",
  "505": "Entity's first name",
  "510": "Future date",
  "511": "Invalid character",
  "535": "Claim frequency code",
  "562": "Entity's National Provider Identifier (NPI)",
  "583": "Line item charge amount",
  "584": "Line item control number",
  "672": "Other payer's payment information is out of balance",
  "684": "Rejected: syntax error noted for this claim (see the 999)",
  "697": "Invalid decimal precision",
  "700": "ICD-10 code",
  "704": "Claim note text",
  "718": "Claim/service not submitted within the required timeframe (timely filing)",
  "732": "Information submitted inconsistent with billing guidelines",
};

/** Entity identifier codes seen in STC01-3. */
export const ENTITY_CODES: Readonly<Record<string, string>> = {
  "03": "Dependent",
  "40": "Receiver",
  "41": "Submitter",
  "45": "Drop-off location",
  "71": "Attending physician",
  "77": "Service location",
  "82": "Rendering provider",
  "85": "Billing provider",
  "87": "Pay-to provider",
  DK: "Ordering physician",
  DN: "Referring provider",
  DQ: "Supervising physician",
  GB: "Other insured",
  IL: "Insured or subscriber",
  PR: "Payer",
  QC: "Patient",
  TT: "Transfer to",
};

/** CLP02 claim status codes of the 835. */
export const CLAIM_PAYMENT_STATUS: Readonly<Record<string, string>> = {
  "1": "Processed as primary",
  "2": "Processed as secondary",
  "3": "Processed as tertiary",
  "4": "Denied",
  "19": "Processed as primary, forwarded to additional payer(s)",
  "20": "Processed as secondary, forwarded to additional payer(s)",
  "21": "Processed as tertiary, forwarded to additional payer(s)",
  "22": "Reversal of previous payment",
  "23": "Not our claim, forwarded to additional payer(s)",
  "25": "Predetermination pricing only, no payment",
};

/** CAS01 claim adjustment group codes. */
export const ADJUSTMENT_GROUPS: Readonly<Record<string, string>> = {
  CO: "Contractual obligation (provider write-off)",
  CR: "Correction and reversal",
  OA: "Other adjustment",
  PI: "Payer initiated reduction",
  PR: "Patient responsibility",
};

/** Category codes that mean the claim was accepted / rejected at the front end (277CA). */
export const ACCEPTED_CATEGORIES: ReadonlySet<string> = new Set(["A1", "A2"]);
export const REJECTED_CATEGORIES: ReadonlySet<string> = new Set(["A3", "A4", "A6", "A7", "A8"]);

/** The class of a claim status category: its first letter (A0-A8, P0-P5, F0-F4, R0-R5, E0-E4, D0). */
export type StatusClass =
  | "acknowledgement"
  | "pending"
  | "finalized"
  | "request-for-information"
  | "error"
  | "data-search-unsuccessful"
  | "unknown";

const CLASSES: Readonly<Record<string, StatusClass>> = {
  A: "acknowledgement",
  P: "pending",
  F: "finalized",
  R: "request-for-information",
  E: "error",
  D: "data-search-unsuccessful",
};

/** "P1" -> "pending", "F1" -> "finalized", "R4" -> "request-for-information"; "unknown" otherwise. */
export function statusClass(category: string): StatusClass {
  return CLASSES[category.charAt(0)] ?? "unknown";
}
