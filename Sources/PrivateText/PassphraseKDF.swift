import Crypto
import Foundation
import _CryptoExtras

/// How a passphrase becomes the key that wraps an employee's private-text key: scrypt,
/// a memory-hard function, so that guessing passphrases against a copied store costs
/// memory as well as time for every guess.
///
/// The parameters are kept with each wrapped key (``WrappedKey/parameters``), so they can
/// be raised later without locking anyone out. docs/security.md gives the measured cost
/// and why these were chosen.
public struct PassphraseKDF: Sendable, Hashable, CustomStringConvertible {
  /// log2 of scrypt's cost N.
  public var logN: Int
  /// scrypt's block size r.
  public var blockSize: Int
  /// scrypt's parallelism p.
  public var parallelism: Int

  public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1) {
    self.logN = logN
    self.blockSize = blockSize
    self.parallelism = parallelism
  }

  /// N = 2^17, r = 8, p = 1: 128 MiB and about a third of a second per guess.
  public static let standard = PassphraseKDF(logN: 17)

  /// The memory one derivation needs, in bytes (128 · N · r · p).
  public var memory: Int { 128 * (1 << logN) * blockSize * parallelism }

  /// `ln=17,r=8,p=1`, as kept with a wrapped key.
  public var description: String { "ln=\(logN),r=\(blockSize),p=\(parallelism)" }

  /// Reads what ``description`` writes; `nil` for anything else, or for parameters
  /// outside what coach would ever choose (a store cannot make coach spend gigabytes, or
  /// derive keys cheaply enough to matter, by editing them).
  public init?(_ text: String) {
    var values: [String: Int] = [:]
    for part in text.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, let value = Int(pair[1]) else { return nil }
      values[String(pair[0])] = value
    }
    guard values.count == 3, let logN = values["ln"], let r = values["r"], let p = values["p"],
      (10...20).contains(logN), (1...32).contains(r), (1...4).contains(p)
    else { return nil }
    self.init(logN: logN, blockSize: r, parallelism: p)
  }

  /// The 256-bit wrapping key for `passphrase` and `salt`.
  func derive(_ passphrase: [UInt8], salt: Data) throws(PrivateTextError) -> SymmetricKey {
    do {
      return try KDF.Scrypt.deriveKey(
        from: passphrase, salt: salt, outputByteCount: 32, rounds: 1 << logN, blockSize: blockSize,
        parallelism: parallelism)
    } catch {
      throw .crypto("scrypt (\(self)) failed: \(error)")
    }
  }
}
