import Foundation

/// An employee's private-text key as a store keeps it: sealed under a key derived from
/// the employee's passphrase, so the store (and anyone who copies it) cannot open it.
///
/// The store keeps every field exactly as given and interprets none of them; the
/// `PrivateText` target makes and opens it. One per employee.
public struct WrappedKey: Sendable, Hashable {
  public var employee: EmployeeID
  /// Names the key inside every envelope it seals (hex), so text sealed under a key that
  /// was reset is told apart from damaged text.
  public var keyID: String
  /// How the wrapping key is derived and the key sealed, e.g. `scrypt+chachapoly-v1`.
  public var method: String
  /// The derivation's cost parameters, e.g. `ln=17,r=8,p=1`.
  public var parameters: String
  public var salt: Data
  /// The sealed key (nonce, ciphertext, tag).
  public var wrapped: Data
  public var created: Date

  public init(
    employee: EmployeeID, keyID: String, method: String, parameters: String, salt: Data, wrapped: Data,
    created: Date
  ) {
    self.employee = employee
    self.keyID = keyID
    self.method = method
    self.parameters = parameters
    self.salt = salt
    self.wrapped = wrapped
    self.created = created
  }
}

/// How ``ProgressStore/rewritePrivateText(of:_:)`` changes private text written before
/// text was sealed. Each closure returns the replacement, or `nil` to keep what is there.
public struct PrivateTextRewrite: Sendable {
  /// Given each belief response of the employee whose answer is ``BeliefAnswer/text(_:)``
  /// and not shared.
  public var belief: @Sendable (BeliefResponse) -> BeliefAnswer?
  /// Given each bookmark of the employee whose position holds plain text
  /// (``Bookmark/Position/holdsPlainText``).
  public var bookmark: @Sendable (Bookmark) -> Bookmark.Position?

  public init(
    belief: @escaping @Sendable (BeliefResponse) -> BeliefAnswer?,
    bookmark: @escaping @Sendable (Bookmark) -> Bookmark.Position?
  ) {
    self.belief = belief
    self.bookmark = bookmark
  }
}
