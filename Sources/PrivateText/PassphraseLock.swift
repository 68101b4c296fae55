import Foundation
import LearnerModel

/// The lock coach's learn loop uses: each employee's key made with ``EmployeeKey`` under
/// their passphrase, their records opened through a ``SealedStore``.
public struct PassphraseLock: PrivateTextLock {
  /// scrypt's cost for new passphrases (keys already made keep their own).
  public let kdf: PassphraseKDF

  public init(kdf: PassphraseKDF = .standard) {
    self.kdf = kdf
  }

  public var minimumLength: Int { EmployeeKey.minimumLength }

  public func problem(withNewPassphrase passphrase: String, for employee: EmployeeID) -> String? {
    EmployeeKey.checkNewPassphrase(passphrase, for: employee)
  }

  public func create(
    for employee: EmployeeID, passphrase: String, in store: any ProgressStore, name: String, at date: Date
  ) async throws -> any ProgressStore {
    let (key, wrapped) = try EmployeeKey.create(for: employee, passphrase: passphrase, kdf: kdf, at: date)
    try await store.saveWrappedKey(wrapped)
    return try await SealedStore.open(store, key: key, name: name).store
  }

  public func open(_ wrapped: WrappedKey, passphrase: String, in store: any ProgressStore, name: String)
    async throws -> (any ProgressStore)?
  {
    let key: EmployeeKey
    do {
      key = try EmployeeKey.unlock(wrapped, passphrase: passphrase)
    } catch .wrongPassphrase {
      return nil
    }
    return try await SealedStore.open(store, key: key, name: name).store
  }
}
