import type { ApiKeySummary } from "@/lib/api-keys/list";
import { KeyCard } from "./key-card";

// Cards rather than a table, like the staff page: each key's facts and its control read well on a
// phone, and each card's heading lets screen-reader users move from key to key.
export function KeyList({ apiKeys }: { apiKeys: readonly ApiKeySummary[] }) {
  if (apiKeys.length === 0) return <p>No keys yet. Issue one above when a system needs to reach Carrier.</p>;
  return (
    <ul className="flex flex-col gap-4">
      {apiKeys.map((apiKey) => (
        <KeyCard key={apiKey.id} apiKey={apiKey} />
      ))}
    </ul>
  );
}
