/**
 * Claims written straight to DynamoDB for the bench, as the claim module stores them: the hot item
 * (ClaimEntity) and the cold one with the document and findings (ClaimDocEntity), by BatchWriteItem.
 */
export async function putClaims(claims: Record<string, any>[]): Promise<void> {
  const { ClaimEntity, ClaimDocEntity } = await import("../../packages/core/src/claim/claim.entity.ts");
  const hot = claims.map(({ doc: _d, findings: _f, ...rest }) => rest);
  const cold = claims.map((c) => ({
    tenantId: c.tenantId,
    claimId: c.claimId,
    doc: c.doc,
    findings: c.findings ?? [],
  }));
  for (let i = 0; i < claims.length; i += 500) {
    const a = await ClaimEntity.put(hot.slice(i, i + 500) as any[]).go({ concurrent: 4 });
    const b = await ClaimDocEntity.put(cold.slice(i, i + 500)).go({ concurrent: 4 });
    if (a.unprocessed.length || b.unprocessed.length) throw new Error("claims were not written");
  }
}
