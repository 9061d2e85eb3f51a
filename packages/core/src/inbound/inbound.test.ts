import { describe, expect, it } from "vitest";
import { x12Kind } from "./inbound.service.ts";

/** An ISA of its fixed 106 characters: ids padded to 15, the date 2026-12-01 (261201). */
const isa = (sender: string, receiver: string, el = "*", term = "~") =>
  ["ISA", "00", " ".repeat(10), "00", " ".repeat(10), "ZZ", sender.padEnd(15), "ZZ", receiver.padEnd(15)]
    .concat(["261201", "2015", "^", "00501", "000000001", "0", "T", ":"])
    .join(el) + term;

describe("the kind of an inbound X12 file", () => {
  it("is the first ST segment's transaction set, even when an ISA id ends in ST right before a separator", () => {
    const head = isa("CLSANDBOX", "CLAIMLEDGERTEST");
    expect(head).toHaveLength(106);
    // "...CLAIMLEDGERTEST*261201..." holds "ST*261" inside the ISA: that is no transaction set.
    expect(x12Kind(`${head}GS*FA*CLSANDBOX*CLAIMLEDGERTEST*20261201*2015*1*X*005010X231A1~ST*999*0001~`)).toBe("999");
    expect(x12Kind(`${head}\nGS*HN*A*B*20261201*2015*1*X*005010X214~\nST*277*0001*005010X214~`)).toBe("277");
  });

  it("reads the separators the ISA declares", () => {
    const head = isa("CLSANDBOX", "CLAIMLEDGERTEST", "|", "\n");
    expect(x12Kind(`${head}GS|HP|A|B|20261201|2015|1|X|005010X221A1\nST|835|0001\n`)).toBe("835");
  });

  it("is x12 for a file with no ISA or no ST", () => {
    expect(x12Kind("hello")).toBe("x12");
    expect(x12Kind(`${isa("A", "B")}GS*FA*A*B*20261201*2015*1*X*005010X231A1~`)).toBe("x12");
  });
});
