package dev.companion.app.flow;

/**
 * Why a flow was refused, for people and for tests: each code is documented in docs/flows.md
 * ("Refusals"). Nothing of a refused flow is stored or pressed.
 */
public enum FlowError {
    /** The file is larger than {@link FlowFormat#MAX_BYTES}. */
    TOO_LARGE,
    /** Not JSON, a duplicate key, or something after the document. */
    MALFORMED,
    /** JSON, but not a Companion flow (no "format": "companion-flow"). */
    NOT_A_FLOW,
    /** Written by a newer Companion: its version is above {@link FlowFormat#VERSION}. */
    NEWER_VERSION,
    /** A field is missing, unknown, of the wrong type or out of its limits. */
    BAD_FIELD,
    /** A stored flow changed since the version an edit was made on. */
    STALE_VERSION,
    /** No stored flow (or no step) with that id or number. */
    NOT_FOUND
}
