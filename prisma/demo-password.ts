// The demo accounts' published password (README), in a module of its own so that code outside
// the app (the system tests) can name it without loading the seed and its database client.
export const DEMO_PASSWORD = "TieuBieu@2026";
