import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/shell/site-footer";
import { SiteHeader } from "@/components/shell/site-header";
import { SkipLink } from "@/components/shell/skip-link";
import { currentActor } from "@/lib/auth";
import "./globals.css";

// Bundled from node_modules so nothing is fetched from the internet at build or run time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
});

const mainContentId = "main-content";

export const metadata: Metadata = {
  title: { default: "Carrier", template: "%s · Carrier" },
  description:
    "Carrier helps you bring your medical images in, choose who may see them, send them where you need them, and see every time they are opened or sent.",
  applicationName: "Carrier",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#ffffff",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <html lang="en" className={inter.variable}>
      <body className="flex min-h-dvh flex-col font-sans antialiased">
        <SkipLink targetId={mainContentId} />
        <SiteHeader account={actor ? { name: actor.displayName, role: actor.role } : undefined} />
        <main id={mainContentId} tabIndex={-1} className="w-full flex-1 outline-none">
          <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">{children}</div>
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
