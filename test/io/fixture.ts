import { readFileSync, readdirSync } from "node:fs";
import { expect } from "vitest";
import { InputError } from "../../src/errors.js";
import { fileURLToPath } from "node:url";

/** Shared helpers for the io tests: fixture bytes and the values make_fixtures.py recorded. */
export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));

export interface Expected {
  shape: number[];
  dtype: string;
  values: (number | "nan" | "inf" | "-inf")[];
  columnNames?: string[];
}

export const expected: Record<string, Expected> = JSON.parse(readFileSync(`${FIXTURES}io/expected.json`, "utf8"));

/** The bytes of fixtures/<path>. */
export function fixture(path: string): Uint8Array {
  const buffer = readFileSync(`${FIXTURES}${path}`);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** Names in fixtures/<dir>. */
export function fixtureNames(dir: string): string[] {
  return readdirSync(`${FIXTURES}${dir}`);
}

/** The recorded values as numbers. */
export function expectedValues(entry: Expected): number[] {
  return entry.values.map((v) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v));
}

/** The message of the InputError `fn` throws (fails the test when it throws nothing, or another error). */
export function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error("did not throw");
}

