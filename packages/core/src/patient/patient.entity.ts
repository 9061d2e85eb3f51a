import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

export const PatientEntity = new Entity(
  {
    model: { entity: "patient", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      firstName: { type: "string", required: true },
      middleName: { type: "string" },
      lastName: { type: "string", required: true },
      dateOfBirth: { type: "string", required: true },
      sex: { type: ["M", "F", "U"] as const, required: true },
      address: { type: "any", required: true },
      phone: { type: "string" },
      accountNumber: { type: "string" },
      coverages: { type: "any", required: true },
      status: { type: ["active", "inactive"] as const, required: true },
      /** Normalised name + birth date, to match an encounter's inline patient to this record. */
      matchKey: { type: "string", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byPractice: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: ["patientId"], casing: "none" },
      },
      byMatchKey: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["matchKey", "patientId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
