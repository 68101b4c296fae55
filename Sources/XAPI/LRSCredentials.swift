import Foundation

/// HTTP basic credentials for an LRS: `user:password`. Their text never appears in a
/// message or an error.
public struct LRSCredentials: Sendable, Hashable {
  public let user: String
  let password: String

  /// Reads `user:password` (the password may hold `:`).
  /// - Parameter source: where the text came from (`--auth`, `$COACH_LRS_AUTH`), for the
  ///   message when it cannot be used; the text itself is never repeated.
  /// - Throws: ``XAPIError/badCredentials(source:reason:)``.
  public init(_ text: String, source: String) throws(XAPIError) {
    guard let colon = text.firstIndex(of: ":") else {
      throw .badCredentials(source: source, reason: "write them as user:password")
    }
    let user = String(text[..<colon])
    let password = String(text[text.index(after: colon)...])
    guard !user.isEmpty else {
      throw .badCredentials(source: source, reason: "the user name before ':' is empty")
    }
    if text.contains(where: { $0 == "\n" || $0 == "\r" }) {
      throw .badCredentials(source: source, reason: "they must be on one line")
    }
    self.user = user
    self.password = password
  }

  /// The `Authorization` header's value.
  var header: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

  /// `text` with the password and the encoded credentials taken out, for messages that
  /// quote what a server said.
  func redact(_ text: String) -> String {
    var out = text
    let token = Data("\(user):\(password)".utf8).base64EncodedString()
    for secret in [token, "\(user):\(password)", password] where !secret.isEmpty {
      out = out.replacingOccurrences(of: secret, with: "[redacted]")
    }
    return out
  }
}
