/**
 * The assessment module's public surface (docs/modules.md, "Public surfaces"): nothing yet. Another module
 * that needs something of it imports it from here, never from the module's other files.
 */
export {};
