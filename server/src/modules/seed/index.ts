/** The demo district (PRODUCT.md §9): the one entry point for start-up, the CLI and tests. */
export { seedDemo } from './seed.ts';
