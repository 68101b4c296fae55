import Foundation

/// Private text sealed with the employee's own key: bytes that no store, report or
/// trainer can open.
///
/// Reflections, creed notes and drafts that the employee has not shared are kept only in
/// this form. The bytes are an envelope (format version, the id of the key, the nonce,
/// the ciphertext and its tag) written and opened by the `PrivateText` target; to every
/// other target they are opaque. A store keeps them exactly as given.
public struct SealedText: Sendable, Hashable, Codable, CustomStringConvertible {
  public var bytes: Data

  public init(bytes: Data) {
    self.bytes = bytes
  }

  /// The bytes as base64, the form a bookmark's position text carries them in.
  public var base64: String { bytes.base64EncodedString() }

  /// Reads the base64 form; `nil` for text that is not base64.
  public init?(base64: String) {
    guard let bytes = Data(base64Encoded: base64) else { return nil }
    self.bytes = bytes
  }

  /// Never the bytes: "sealed text (120 bytes)".
  public var description: String { "sealed text (\(bytes.count) bytes)" }
}
