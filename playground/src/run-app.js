// The "Run your app against it" note: cmd/serve (`make serve`) answers
// Fauna's HTTP API at the page's own origin, over a database of its own
// (not this tab's, which lives in the browser). The note shows that
// endpoint and a fauna-js snippet for it, as text (textContent).
export const DEFAULT_ENDPOINT = "http://127.0.0.1:8080"; // make serve's address

// endpointOf is the API's endpoint for a page at loc: its origin when
// served over http(s), else make serve's default address.
export function endpointOf(loc) {
  return /^https?:$/.test(loc.protocol) && loc.origin !== "null" ? loc.origin : DEFAULT_ENDPOINT;
}

// snippet is a fauna-js program of the video app's kind for endpoint.
export function snippet(endpoint) {
  return `import { Client, fql } from "fauna"; // npm install fauna

const client = new Client({
  endpoint: new URL("${endpoint}"),
  secret: "secret", // any secret, unless cmd/serve was given -secret
});
const email = "jane@example.com";
const user = await client.query(fql\`User.firstWhere(.email == \${email})\`);
console.log(user.data);
client.close();`;
}

export function setupRunApp(doc = document, loc = location) {
  const endpoint = endpointOf(loc);
  doc.querySelector("#app-endpoint").textContent = endpoint;
  doc.querySelector("#app-snippet").textContent = snippet(endpoint);
}
