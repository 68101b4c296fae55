/// Why private text could not be sealed or opened, or a passphrase not used.
public enum PrivateTextError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The passphrase does not open this employee's key.
  case wrongPassphrase
  /// A new passphrase that is not good enough; the reason says why.
  case weakPassphrase(String)
  /// The stored key is not one this build can open (an unknown method or parameters).
  case unknownKey(String)
  /// Sealed text that does not open with the employee's key although it names it:
  /// changed or damaged in the store.
  case damaged(String)
  /// The cryptographic library failed.
  case crypto(String)

  public var description: String {
    switch self {
    case .wrongPassphrase: "that passphrase does not open these records"
    case .weakPassphrase(let reason): reason
    case .unknownKey(let detail): "the stored key cannot be used by this coach: \(detail)"
    case .damaged(let detail): "sealed text was changed or damaged in the store: \(detail)"
    case .crypto(let detail): "encryption failed: \(detail)"
    }
  }
}
