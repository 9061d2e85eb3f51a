/**
 * Descriptions of the 271 (005010X279A1) codes: EB01, EB02, EB04, EB06, EB09, AAA03, AAA04 and the
 * DTP qualifiers of loops 2100C/D and 2110C/D. Only the words are taken from the sources named on
 * each table, none of their code; typography normalised (straight apostrophes, a missing space).
 */

/**
 * EB01 eligibility or benefit information (X12 element 1390).
 * Source: github.com/OpenDental/opendental (commit faae63eb), OpenDentBusiness/X12/EB271.cs, `eb01`
 * (U in full, as that file's comment gives it).
 */
export const BENEFIT_CODES: Readonly<Record<string, string>> = {
  "1": "Active Coverage",
  "2": "Active - Full Risk Capitation",
  "3": "Active - Services Capitated",
  "4": "Active - Services Capitated to Primary Care Physician",
  "5": "Active - Pending Investigation",
  "6": "Inactive",
  "7": "Inactive - Pending Eligibility Update",
  "8": "Inactive - Pending Investigation",
  A: "Co-Insurance",
  B: "Co-Payment",
  C: "Deductible",
  CB: "Coverage Basis",
  D: "Benefit Description",
  E: "Exclusions",
  F: "Limitations",
  G: "Out of Pocket (Stop Loss)",
  H: "Unlimited",
  I: "Non-Covered",
  J: "Cost Containment",
  K: "Reserve",
  L: "Primary Care Provider",
  M: "Pre-existing Condition",
  MC: "Managed Care Coordinator",
  N: "Services Restricted to Following Provider",
  O: "Not Deemed a Medical Necessity",
  P: "Benefit Disclaimer",
  Q: "Second Surgical Opinion Required",
  R: "Other or Additional Payor",
  S: "Prior Year(s) History",
  T: "Card(s) Reported Lost/Stolen",
  U: "Contact Following Entity for Eligibility or Benefit Information",
  V: "Cannot Process",
  W: "Other Source of Data",
  X: "Health Care Facility",
  Y: "Spend Down",
};

/** EB01 codes that mean active coverage (1-5) and inactive coverage (6-8). */
export const ACTIVE_BENEFIT_CODES: ReadonlySet<string> = new Set(["1", "2", "3", "4", "5"]);
export const INACTIVE_BENEFIT_CODES: ReadonlySet<string> = new Set(["6", "7", "8"]);

/** EB02 coverage level (element 1207). Source: OpenDental EB271.cs (commit faae63eb), `eb02`. */
export const COVERAGE_LEVELS: Readonly<Record<string, string>> = {
  CHD: "Children Only",
  DEP: "Dependents Only",
  ECH: "Employee and Children",
  EMP: "Employee Only",
  ESP: "Employee and Spouse",
  FAM: "Family",
  IND: "Individual",
  SPC: "Spouse and Children",
  SPO: "Spouse Only",
};

/** EB04 insurance type (element 1336). Source: OpenDental EB271.cs (commit faae63eb), `EB04`. */
export const INSURANCE_TYPES: Readonly<Record<string, string>> = {
  "12": "Medicare Secondary Working Aged Beneficiary or Spouse with Employer Group Health Plan",
  "13": "Medicare Secondary End-Stage Renal Disease Beneficiary in the 12 month coordination period with an employer's group health plan",
  "14": "Medicare Secondary, No-fault Insurance including Auto is Primary",
  "15": "Medicare Secondary Worker's Compensation",
  "16": "Medicare Secondary Public Health Service (PHS) or Other Federal Agency",
  "41": "Medicare Secondary Black Lung",
  "42": "Medicare Secondary Veteran's Administration",
  "43": "Medicare Secondary Disabled Beneficiary Under Age 65 with Large Group Health Plan (LGHP)",
  "47": "Medicare Secondary, Other Liability Insurance is Primary",
  AP: "Auto Insurance Policy",
  C1: "Commercial",
  CO: "Consolidated Omnibus Budget Reconciliation Act (COBRA)",
  CP: "Medicare Conditionally Primary",
  D: "Disability",
  DB: "Disability Benefits",
  EP: "Exclusive Provider Organization",
  FF: "Family or Friends",
  GP: "Group Policy",
  HM: "Health Maintenance Organization (HMO)",
  HN: "Health Maintenance Organization (HMO) - Medicare Risk",
  HS: "Special Low Income Medicare Beneficiary",
  IN: "Indemnity",
  IP: "Individual Policy",
  LC: "Long Term Care",
  LD: "Long Term Policy",
  LI: "Life Insurance",
  LT: "Litigation",
  MA: "Medicare Part A",
  MB: "Medicare Part B",
  MC: "Medicaid",
  MH: "Medigap Part A",
  MI: "Medigap Part B",
  MP: "Medicare Primary",
  OT: "Other",
  PE: "Property Insurance - Personal",
  PL: "Personal",
  PP: "Personal Payment (Cash - No Insurance)",
  PR: "Preferred Provider Organization (PPO)",
  PS: "Point of Service (POS)",
  QM: "Qualified Medicare Beneficiary",
  RP: "Property Insurance - Real",
  SP: "Supplemental Policy",
  TF: "Tax Equity Fiscal Responsibility Act (TEFRA)",
  WC: "Workers Compensation",
  WU: "Wrap Up Policy",
};

/**
 * EB06 time period qualifier (element 615). Source: OpenDental EB271.cs (commit faae63eb), `eb06`
 * (36 spelt "Admisson" there).
 */
export const TIME_PERIODS: Readonly<Record<string, string>> = {
  "6": "Hour",
  "7": "Day",
  "13": "24 Hours",
  "21": "Years",
  "22": "Service Year",
  "23": "Calendar Year",
  "24": "Year to Date",
  "25": "Contract",
  "26": "Episode",
  "27": "Visit",
  "28": "Outlier",
  "29": "Remaining",
  "30": "Exceeded",
  "31": "Not Exceeded",
  "32": "Lifetime",
  "33": "Lifetime Remaining",
  "34": "Month",
  "35": "Week",
  "36": "Admission",
};

/** EB09 quantity qualifier (element 673). Source: OpenDental EB271.cs (commit faae63eb), `eb09`. */
export const QUANTITY_QUALIFIERS: Readonly<Record<string, string>> = {
  "99": "Quantity Used",
  CA: "Covered - Actual",
  CE: "Covered - Estimated",
  DB: "Deductible Blood Units",
  DY: "Days",
  HS: "Hours",
  LA: "Life-time Reserve - Actual",
  LE: "Life-time Reserve - Estimated",
  MN: "Month",
  P6: "Number of Services or Procedures",
  QA: "Quantity Approved",
  S7: "Age, High Value",
  S8: "Age, Low Value",
  VS: "Visits",
  YY: "Years",
};

/**
 * AAA03 reject reason (element 901). Source: github.com/OpenDental/opendental (commit 56df95bb),
 * OpenDentBusiness/X12/X271.cs, `GetRejectReason` (without OpenDental's parenthesised glosses).
 */
export const REJECT_REASONS: Readonly<Record<string, string>> = {
  "04": "Authorized Quantity Exceeded",
  "15": "Required application data missing",
  "41": "Authorization Access Restriction",
  "42": "Unable to Respond at Current Time",
  "43": "Invalid/Missing Provider Identification",
  "44": "Invalid/Missing Provider Name",
  "45": "Invalid/Missing Provider Specialty",
  "46": "Invalid/Missing Provider Phone Number",
  "47": "Invalid/Missing Provider State",
  "48": "Invalid/Missing Referring Provider Identification Number",
  "49": "Provider is Not Primary Care Physician",
  "50": "Provider Ineligible for Inquiries",
  "51": "Provider Not on File",
  "52": "Service Dates Not Within Provider Plan Enrollment",
  "53": "Inquired Benefit Inconsistent with Provider Type",
  "54": "Inappropriate Product/Service ID Qualifier",
  "55": "Inappropriate Product/Service ID",
  "56": "Inappropriate Date",
  "57": "Invalid/Missing Date(s) of Service",
  "58": "Invalid/Missing Date-of-Birth",
  "60": "Date of Birth Follows Date(s) of Service",
  "61": "Date of Death Precedes Date(s) of Service",
  "62": "Date of Service Not Within Allowable Inquiry Period",
  "63": "Date of Service in Future",
  "64": "Invalid/Missing Patient ID",
  "65": "Invalid/Missing Patient Name",
  "66": "Invalid/Missing Patient Gender Code",
  "67": "Patient Not Found",
  "68": "Duplicate Patient ID Number",
  "69": "Inconsistent with Patient's Age",
  "70": "Inconsistent with Patient's Gender",
  "71": "Patient Birth Date Does Not Match That for the Patient on the Database",
  "72": "Invalid/Missing Subscriber/Insured ID",
  "73": "Invalid/Missing Subscriber/Insured Name",
  "74": "Invalid/Missing Subscriber/Insured Gender Code",
  "75": "Subscriber/Insured Not Found",
  "76": "Duplicate Subscriber/Insured ID Number",
  "77": "Subscriber Found, Patient Not Found",
  "78": "Subscriber/Insured Not in Group/Plan Identified",
  "79": "Invalid Participant Identification",
  "80": "No Response received - Transaction Terminated",
  "97": "Invalid or Missing Provider Address",
  T4: "Payer Name or Identifier Missing",
};

/** AAA04 follow-up action (element 889). Source: OpenDental X271.cs (commit 56df95bb), `GetFollowupAction`. */
export const FOLLOW_UP_ACTIONS: Readonly<Record<string, string>> = {
  C: "Please Correct and Resubmit",
  N: "Resubmission Not Allowed",
  P: "Please Resubmit Original Transaction",
  R: "Resubmission Allowed",
  S: "Do Not Resubmit; Inquiry Initiated to a Third Party",
  W: "Please Wait 30 Days and Resubmit",
  X: "Please Wait 10 Days and Resubmit",
  Y: "Do Not Resubmit; We Will Hold Your Request and Respond Again Shortly",
};

/**
 * DTP01 date qualifiers of a 271. Source: github.com/OpenDental/opendental (commit 55c69913),
 * OpenDentBusiness/X12/DTP271.cs, `DTP01`.
 */
export const DATE_QUALIFIERS: Readonly<Record<string, string>> = {
  "102": "Issue",
  "152": "Effective Date of Change",
  "193": "Period Start",
  "194": "Period End",
  "198": "Completion",
  "290": "Coordination of Benefits",
  "291": "Plan",
  "292": "Benefit",
  "295": "Primary Care Provider",
  "304": "Latest Visit or Consultation",
  "307": "Eligibility",
  "318": "Added",
  "340": "Consolidated Omnibus Budget Reconciliation Act (COBRA) Begin",
  "341": "Consolidated Omnibus Budget Reconciliation Act (COBRA) End",
  "342": "Premium Paid to Date Begin",
  "343": "Premium Paid to Date End",
  "346": "Plan Begin",
  "347": "Plan End",
  "348": "Benefit Begin",
  "349": "Benefit End",
  "356": "Eligibility Begin",
  "357": "Eligibility End",
  "382": "Enrollment",
  "435": "Admission",
  "442": "Date of Death",
  "458": "Certification",
  "472": "Service",
  "539": "Policy Effective",
  "540": "Policy Expiration",
  "636": "Date of Last Update",
  "771": "Status",
};
