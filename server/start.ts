// `npm start`. React and React Router choose their production builds from NODE_ENV when they are
// first imported, so it is set before anything else is loaded (and works the same on Windows).
process.env.NODE_ENV ??= "production";
await import("./main");
export {};
