/// An employee id: the employee number or login.
///
/// Letters, digits, `.`, `_`, `-` and `@`, 1 to 128 characters.
public struct EmployeeID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// Why a text is not an employee id.
  public enum Invalid: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    /// More than 128 characters.
    case tooLong(characters: Int)
    /// A character that is not allowed (the first one found).
    case character(Unicode.Scalar)

    /// What is wrong, as a sentence part: "a space is not allowed; use letters, ...".
    public var reason: String {
      switch self {
      case .empty: return "an employee id cannot be empty"
      case .tooLong: return "an employee id has at most \(EmployeeID.maximumLength) characters"
      case .character(let scalar):
        let allowed = "use letters, digits, '.', '_', '-' and '@'"
        if scalar == " " { return "a space is not allowed; \(allowed)" }
        let shown =
          scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
          ? "U+" + String(scalar.value, radix: 16, uppercase: true) : "'\(scalar)'"
        return "\(shown) is not allowed; \(allowed)"
      }
    }

    public var description: String { reason }
  }

  public static let maximumLength = 128

  public let rawValue: String

  /// Validates an id.
  /// - Throws: ``Invalid`` naming what is wrong.
  public init(_ rawValue: String) throws(Invalid) {
    if rawValue.isEmpty { throw .empty }
    let count = rawValue.count
    if count > Self.maximumLength { throw .tooLong(characters: count) }
    if let bad = rawValue.unicodeScalars.first(where: { !Self.allowed($0) }) { throw .character(bad) }
    self.rawValue = rawValue
  }

  private static func allowed(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "@": true
    default: false
    }
  }

  public var description: String { rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
