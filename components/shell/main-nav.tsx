import type { Route } from "next";
import { NavLink } from "@/components/shell/nav-link";

type AreaLink = { href: Route; label: string };

const areaLinks: readonly AreaLink[] = [
  { href: "/studies", label: "My studies" },
  { href: "/desk", label: "Front desk" },
  { href: "/admin", label: "Admin" },
];

// Links wrap onto a second line on narrow phones instead of hiding behind a menu button.
export function MainNav() {
  return (
    <nav aria-label="Main">
      <ul className="flex flex-wrap gap-x-1 gap-y-1">
        {areaLinks.map((area) => (
          <li key={area.href}>
            <NavLink href={area.href}>{area.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
