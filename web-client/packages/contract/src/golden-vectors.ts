/**
 * `@switchboard/contract/golden-vectors`: one real frame per event and command type, serialized
 * by the server's own serializer from the Java contract. Use them to test a client or a server
 * against the wire format: every vector passes its family's guard.
 */
export { goldenVectors } from "./generated/golden-vectors.js";
