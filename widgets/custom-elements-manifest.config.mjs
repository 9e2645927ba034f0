// `npm run build:manifest` (part of `npm run build`): widgets/dist/custom-elements.json, the
// custom elements manifest that editors and documentation tools read, from the components'
// JSDoc (@tag, @attr/@property through Lit's decorators, @event, @slot, @csspart, @cssproperty).
// The family base classes are read too, so attributes a widget inherits are listed with it.
export default {
  globs: ["src/components/*/*.component.ts", "src/runtime/cabinet-element.ts", "src/runtime/gated-element.ts", "src/*/*-element.ts"],
  exclude: ["**/*.test.ts"],
  outdir: "dist",
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // Only the elements: base classes and helpers are not part of the page's API.
      name: "cabinet-elements-only",
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.declarations = (module.declarations ?? []).filter((d) => d.customElement && d.tagName);
          // `this.emit(type, …)` in the base class reads as an event named "type": only real names.
          for (const d of module.declarations) if (d.events) d.events = d.events.filter((e) => /^[a-z]+(-[a-z]+)+$/.test(e.name ?? ""));
          module.exports = (module.exports ?? []).filter(
            (e) => e.kind === "custom-element-definition" || module.declarations.some((d) => d.name === e.declaration?.name),
          );
        }
        customElementsManifest.modules = customElementsManifest.modules.filter((m) => m.declarations.length > 0);
      },
    },
  ],
};
