/**
 * The module boundaries of core/src, checked by `npm run lint` (dependency-cruiser).
 * See docs/architecture.md for the layers these rules hold in place.
 *
 * A module is a folder core/src/modules/<name>/; its public face is its index.ts (or
 * <name>.module.ts). Tests and plugins are not checked here: tests may reach into what they
 * test, and plugins can only import the `@cabinet/core` package entry anyway.
 */
const FACE = "^core/src/modules/([^/]+)/(index|\\1\\.module)\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "module-private",
      comment: "Another module's files are private: import its public face, core/src/modules/<name>/index.ts.",
      severity: "error",
      from: { path: "^core/src/modules/([^/]+)/" },
      to: { path: "^core/src/modules/[^/]+/", pathNot: ["^core/src/modules/$1/", FACE] },
    },
    {
      name: "module-private-outside",
      comment: "Outside the modules (composition root, jobs, CLI, seed) too, a module is reached through its public face.",
      severity: "error",
      from: { path: "^core/src/", pathNot: ["^core/src/modules/[^/]+/"] },
      to: { path: "^core/src/modules/[^/]+/", pathNot: [FACE] },
    },
    {
      name: "no-module-cycle",
      comment: "Two modules must not depend on each other, directly or through others: move the shared contract to the depended-on module, or use an event.",
      severity: "error",
      scope: "folder",
      from: { path: "^core/src/modules/[^/]+$" },
      to: { circular: true },
    },
    {
      name: "kernel-http-know-no-module",
      comment:
        "kernel/ and http/ are generic: they define interfaces (tokens) that modules implement; only the composition root (core/src/app/) wires modules in.",
      severity: "error",
      from: { path: "^core/src/(kernel|http)/" },
      to: { path: "^core/src/modules/" },
    },
    {
      name: "no-unresolvable-import",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      // The workspace package @cabinet/migrations resolves to its dist/, absent before a build.
      to: { couldNotResolve: true, pathNot: ["^@cabinet/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js", ".mjs", ".json"],
    },
  },
};
