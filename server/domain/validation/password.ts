/**
 * Password policy for staff and applicants: at least 10 characters, with at least three of lower case,
 * upper case, digits and symbols, not containing the username. Returns i18n keys of the rules broken.
 */
export const PASSWORD_MIN_LENGTH = 10;

export function passwordProblems(password: string, username = ""): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push("password.tooShort");
  if (password.length > 128) problems.push("password.tooLong");
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push("password.tooSimple");
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push("password.containsUsername");
  }
  return problems;
}
