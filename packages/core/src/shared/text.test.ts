import { expect, it } from "vitest";
import { foldToAscii } from "./text.ts";

it("sends names to payers without their accents: X12 is ASCII", () => {
  expect(foldToAscii("José Muñoz")).toBe("Jose Munoz");
  expect(foldToAscii("Zoë Brontë")).toBe("Zoe Bronte");
  expect(foldToAscii("Jose\u0301")).toBe("Jose"); // decomposed
  expect(foldToAscii("Ærøskøbing Straße")).toBe("AEroskobing Strasse");
  expect(foldToAscii("O'Brien-Smith")).toBe("O'Brien-Smith");
});
