import type { StaffMember } from "@/lib/staff/list";
import { StaffCard } from "./staff-card";

// A list of cards rather than a table: seven facts and three controls per person still read well
// on a 375px phone, and each card's heading lets screen-reader users jump from person to person.
export function StaffList({ staff }: { staff: readonly StaffMember[] }) {
  if (staff.length === 0) return <p>No staff accounts yet. Invite someone above.</p>;
  return (
    <ul className="flex flex-col gap-4">
      {staff.map((member) => (
        <StaffCard key={member.id} member={member} />
      ))}
    </ul>
  );
}
