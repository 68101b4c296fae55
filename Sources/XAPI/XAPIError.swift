import LearnerModel

/// Why statements could not be made or sent. Every case says what went wrong and where:
/// the setting and its text, or the LRS's address (never its credentials) and its answer.
public enum XAPIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A setting that cannot be used: its name (`--home-page`), the text given, and why.
  case badSetting(name: String, value: String, reason: String)
  /// The progress store could not be read.
  case store(ProgressStoreError)
  /// No employee of the store is in the cohort asked for.
  case noCohort(String, known: [String])
  /// LRS credentials that cannot be used: where they came from and why (never their text).
  case badCredentials(source: String, reason: String)
  /// The LRS refused a batch (a 4xx answer other than 409): the address posted to, the
  /// status, the LRS's error text, and how many statements were stored before it.
  case rejected(url: String, status: Int, detail: String, stored: Int)
  /// The LRS kept failing (5xx answers or 429) after every retry.
  case serverFailed(url: String, status: Int, detail: String, tries: Int, stored: Int)
  /// The LRS could not be reached (or did not answer) after every retry.
  case unreachable(url: String, detail: String, tries: Int, stored: Int)
  /// The LRS answered in a way that is not xAPI's (a 2xx or 3xx other than 200 and 204).
  case unexpectedAnswer(url: String, status: Int, detail: String, stored: Int)

  public var description: String {
    switch self {
    case .badSetting(let name, let value, let reason):
      return "\(name) \"\(value.prefix(200))\": \(reason)"
    case .store(let error):
      return error.description
    case .noCohort(let cohort, let known):
      return "no employee in the progress store is in cohort '\(cohort)'"
        + (known.isEmpty
          ? "; no employee has a cohort" : "; the cohorts are: \(known.joined(separator: ", "))")
    case .badCredentials(let source, let reason):
      return "\(source): the LRS credentials cannot be used: \(reason)"
    case .rejected(let url, let status, let detail, let stored):
      return "the LRS at \(url) refused the statements (HTTP \(status))\(Self.said(detail))"
        + Self.storedNote(stored) + "; nothing more was sent"
    case .serverFailed(let url, let status, let detail, let tries, let stored):
      return "the LRS at \(url) kept failing (HTTP \(status), \(Self.tries(tries)))\(Self.said(detail))"
        + Self.storedNote(stored) + "; send again later: statements already stored are not duplicated"
    case .unreachable(let url, let detail, let tries, let stored):
      return "cannot reach the LRS at \(url) (\(detail); \(Self.tries(tries)))" + Self.storedNote(stored)
        + "; check the address and the network, then send again"
    case .unexpectedAnswer(let url, let status, let detail, let stored):
      return "the LRS at \(url) answered HTTP \(status), which is not an xAPI answer to a POST of "
        + "statements\(Self.said(detail))" + Self.storedNote(stored)
    }
  }

  private static func said(_ detail: String) -> String { detail.isEmpty ? "" : ": \(detail)" }

  private static func storedNote(_ stored: Int) -> String {
    stored == 0 ? "" : " (\(stored) statements were sent before that)"
  }

  private static func tries(_ count: Int) -> String { count == 1 ? "1 try" : "\(count) tries" }
}
