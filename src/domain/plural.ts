/** How many of something, in words: "1 figure", "3 figures", "2 figures were". Pure. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
