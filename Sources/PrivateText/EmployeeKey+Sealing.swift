import Crypto
import Foundation
import LearnerModel

/// Where a piece of private text belongs: sealed text opens only in the place it was
/// sealed for (the same employee, course and item, as an answer or as a bookmark), so
/// text copied from one row to another in the store does not open there.
public struct SealContext: Sendable, Hashable {
  public enum Place: String, Sendable {
    /// A belief response's answer (a reflection or a creed note).
    case answer
    /// A bookmark's draft or pending share.
    case bookmark
  }

  public var place: Place
  public var courseID: String
  public var itemID: String

  public init(_ place: Place, courseID: String, itemID: String) {
    self.place = place
    self.courseID = courseID
    self.itemID = itemID
  }
}

extension EmployeeKey {
  /// The envelope's format version.
  static let version: UInt8 = 1
  /// Text is padded to a multiple of this many bytes, so the length of the sealed bytes
  /// tells only roughly how long the text is.
  static let padding = 64

  /// Seals text: version (1 byte), key id (8 bytes), nonce (12), ciphertext, tag (16).
  ///
  /// The text is padded (a 0x80 byte, then zeros) to a multiple of 64 bytes first. The
  /// employee id and `context` are authenticated with it.
  public func seal(_ text: String, for context: SealContext) -> SealedText {
    var plain = Array(text.utf8)
    plain.append(0x80)
    while plain.count % Self.padding != 0 { plain.append(0) }
    // ChaChaPoly.seal fails only for a nonce of the wrong size; this one is generated.
    let box = try! ChaChaPoly.seal(plain, using: key, authenticating: associatedData(context))
    var bytes = Data([Self.version])
    bytes += keyIDBytes
    bytes += box.combined
    return SealedText(bytes: bytes)
  }

  /// Whether sealed text names this key (it may still fail to open, if it was changed).
  public func isSealedByMe(_ sealed: SealedText) -> Bool {
    sealed.bytes.count > 9 && sealed.bytes.first == Self.version
      && Data(sealed.bytes.dropFirst().prefix(8)) == keyIDBytes
  }

  /// Opens text this key sealed for `context`.
  /// - Throws: ``PrivateTextError/damaged(_:)`` when the envelope is malformed, names
  ///   another key, or its tag does not match (the text or its place was changed).
  public func open(_ sealed: SealedText, for context: SealContext) throws(PrivateTextError) -> String {
    guard isSealedByMe(sealed) else {
      throw .damaged("\(sealed) for \(context.courseID)/\(context.itemID) was not sealed with this key")
    }
    let plain: Data
    do {
      plain = try ChaChaPoly.open(
        ChaChaPoly.SealedBox(combined: sealed.bytes.dropFirst(9)), using: key,
        authenticating: associatedData(context))
    } catch {
      throw .damaged("\(sealed) for \(context.courseID)/\(context.itemID) fails its authentication tag")
    }
    guard let end = plain.lastIndex(of: 0x80), plain[end...].dropFirst().allSatisfy({ $0 == 0 }),
      let text = String(data: plain[..<end], encoding: .utf8)
    else {
      throw .damaged("\(sealed) for \(context.courseID)/\(context.itemID) has malformed padding")
    }
    return text
  }

  private var keyIDBytes: Data {
    var bytes = Data()
    var index = keyID.startIndex
    while index < keyID.endIndex, let next = keyID.index(index, offsetBy: 2, limitedBy: keyID.endIndex) {
      bytes.append(UInt8(keyID[index..<next], radix: 16) ?? 0)
      index = next
    }
    return bytes
  }

  private func associatedData(_ context: SealContext) -> Data {
    Data(
      ["coach private text v1", employee.rawValue, context.place.rawValue, context.courseID, context.itemID]
        .joined(separator: "\u{0}").utf8)
  }
}
