// MutationObserver records for whatever `change` does to the DOM (the scan tests feed them to planMutations).
export async function mutate(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(document, { childList: true, characterData: true, subtree: true });
  change();
  await new Promise((r) => setTimeout(r, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}
