import Foundation

/// How a front end opens an employee's private text with their passphrase, without
/// knowing how it is sealed: the `PrivateText` target's `PassphraseLock` is the one coach
/// uses (a per-employee key wrapped under scrypt of the passphrase); tests may use it
/// with a cheaper cost.
///
/// What `create` and `open` return is the employee's view of the store: private text is
/// sealed on its way in and opened on its way out, and records of anyone else are refused.
public protocol PrivateTextLock: Sendable {
  /// The fewest characters a new passphrase has.
  var minimumLength: Int { get }

  /// Why a new passphrase is refused ("a passphrase needs at least 10 characters ..."),
  /// or `nil` when it will do.
  func problem(withNewPassphrase passphrase: String, for employee: EmployeeID) -> String?

  /// Makes the employee's key under a new passphrase, keeps it wrapped in `store`, and
  /// returns the employee's sealed view of the store. The employee must be saved first.
  /// - Throws: ``ProgressStoreError`` from the store, or an error that describes itself.
  func create(
    for employee: EmployeeID, passphrase: String, in store: any ProgressStore, name: String, at date: Date
  ) async throws -> any ProgressStore

  /// Opens the employee's records with their passphrase (sealing on the way any private
  /// text an older coach left in plain text).
  /// - Returns: The employee's sealed view, or `nil` when the passphrase does not open
  ///   their key.
  func open(_ wrapped: WrappedKey, passphrase: String, in store: any ProgressStore, name: String) async throws
    -> (any ProgressStore)?
}
