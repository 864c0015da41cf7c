"use client";

const SETS = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "@#%&*+=?!"];

/** A random 14-character password with all four character classes (no look-alike characters). */
export function generatePassword(length = 14): string {
  const random = new Uint32Array(length * 2);
  crypto.getRandomValues(random);
  const all = SETS.join("");
  const chars = SETS.map((s, i) => s[random[i] % s.length]);
  for (let i = SETS.length; i < length; i++) chars.push(all[random[i] % all.length]);
  // Fisher-Yates with the second half of the random numbers, so the classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random[length + i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
