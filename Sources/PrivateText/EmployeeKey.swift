import Crypto
import Foundation
import LearnerModel

/// An employee's private-text key, opened with their passphrase: it seals and opens
/// their reflections, creed notes and drafts with ChaChaPoly (ChaCha20 with a Poly1305
/// tag, so that a changed byte is found, never read as other text).
///
/// The key is 256 random bits, made once per employee. The store keeps it only wrapped
/// (sealed with ChaChaPoly under a key derived from the passphrase by scrypt): see
/// ``create(for:passphrase:kdf:at:)`` and ``unlock(_:passphrase:)``. Changing the
/// passphrase would rewrap the same key; losing it loses the key and so the text, and
/// nothing else.
public struct EmployeeKey: Sendable {
  /// How keys are wrapped: scrypt, then ChaChaPoly over the 32 key bytes.
  public static let method = "scrypt+chachapoly-v1"

  public let employee: EmployeeID
  /// 8 random bytes in hex, written into every envelope the key seals.
  public let keyID: String
  private let box: KeyBox
  var key: SymmetricKey { box.key }

  init(employee: EmployeeID, keyID: String, key: SymmetricKey) {
    self.employee = employee
    self.keyID = keyID
    self.box = KeyBox(key: key)
  }

  /// Makes a new key for an employee and wraps it under `passphrase`.
  /// - Throws: ``PrivateTextError/weakPassphrase(_:)`` for a passphrase that
  ///   ``checkNewPassphrase(_:for:)`` refuses.
  public static func create(
    for employee: EmployeeID, passphrase: String, kdf: PassphraseKDF = .standard, at date: Date
  ) throws(PrivateTextError) -> (key: EmployeeKey, wrapped: WrappedKey) {
    if let problem = checkNewPassphrase(passphrase, for: employee) { throw .weakPassphrase(problem) }
    let key = EmployeeKey(
      employee: employee, keyID: Data(random(8)).hex, key: SymmetricKey(size: .bits256))
    let salt = Data(random(16))
    let wrapping = try kdf.derive(normalized(passphrase), salt: salt)
    let bytes = key.key.withUnsafeBytes { Data($0) }
    let sealed: Data
    do {
      sealed = try ChaChaPoly.seal(
        bytes, using: wrapping, authenticating: wrapContext(employee, keyID: key.keyID)
      ).combined
    } catch {
      throw .crypto("wrapping the key failed: \(error)")
    }
    let wrapped = WrappedKey(
      employee: employee, keyID: key.keyID, method: method, parameters: kdf.description, salt: salt,
      wrapped: sealed, created: date)
    return (key, wrapped)
  }

  /// Opens a wrapped key with the employee's passphrase.
  /// - Throws: ``PrivateTextError/wrongPassphrase`` when the passphrase does not open it
  ///   (the tag does not match: nothing is learnt about how near it was),
  ///   ``PrivateTextError/unknownKey(_:)`` for a method or parameters this build does not use.
  public static func unlock(_ wrapped: WrappedKey, passphrase: String) throws(PrivateTextError) -> EmployeeKey
  {
    guard wrapped.method == method else { throw .unknownKey("method \(wrapped.method.prefix(40))") }
    guard let kdf = PassphraseKDF(wrapped.parameters) else {
      throw .unknownKey("parameters \(wrapped.parameters.prefix(40))")
    }
    let wrapping = try kdf.derive(normalized(passphrase), salt: wrapped.salt)
    let bytes: Data
    do {
      bytes = try ChaChaPoly.open(
        ChaChaPoly.SealedBox(combined: wrapped.wrapped), using: wrapping,
        authenticating: wrapContext(wrapped.employee, keyID: wrapped.keyID))
    } catch {
      throw .wrongPassphrase
    }
    guard bytes.count == 32 else { throw .unknownKey("a key of \(bytes.count) bytes") }
    return EmployeeKey(employee: wrapped.employee, keyID: wrapped.keyID, key: SymmetricKey(data: bytes))
  }

  /// Why a new passphrase is refused, or `nil` when it will do: at least 10 characters,
  /// not the employee id, not one character repeated.
  public static func checkNewPassphrase(_ passphrase: String, for employee: EmployeeID) -> String? {
    let characters = passphrase.count
    if characters < minimumLength {
      return "a passphrase needs at least \(minimumLength) characters (a few words is easiest to remember); "
        + "this one has \(characters)"
    }
    if characters > maximumLength { return "a passphrase has at most \(maximumLength) characters" }
    if passphrase.lowercased().contains(employee.rawValue.lowercased()) {
      return "a passphrase must not contain your employee id"
    }
    if Set(passphrase).count < 4 { return "a passphrase needs more than a few different characters" }
    return nil
  }

  public static let minimumLength = 10
  public static let maximumLength = 1024

  /// The bytes the KDF is given: the passphrase in Unicode NFC, so the same words typed
  /// on another keyboard or system give the same key.
  static func normalized(_ passphrase: String) -> [UInt8] {
    Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
  }

  /// What a wrapped key is bound to: it opens only as this employee's key with this id.
  static func wrapContext(_ employee: EmployeeID, keyID: String) -> Data {
    Data("coach key v1\u{0}\(employee.rawValue)\u{0}\(keyID)".utf8)
  }

  static func random(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}

/// swift-crypto 3 does not mark `SymmetricKey` `Sendable`, though a key never changes
/// once made: this box says so for the one place that keeps one.
private struct KeyBox: @unchecked Sendable {
  let key: SymmetricKey
}

extension Data {
  var hex: String { map { String(format: "%02x", $0) }.joined() }
}
