import Foundation

/// The one open `coach learn` session of an employee, as the store records it: who holds
/// it, where, since when, and until when it counts without a heartbeat.
///
/// A session claims the lease before it records anything, renews it while it runs
/// (``ProgressStore/renewSession(_:)``), writes only through
/// ``ProgressStore/guarded(by:)``, and releases it at the end. A second session of the
/// same employee finds the lease held and says so; if it takes over, every later write
/// of the first session is refused, so nothing is recorded twice.
public struct SessionLease: Sendable, Hashable {
  public var employee: EmployeeID
  /// The session's id (the one its records carry).
  public var sessionID: String
  /// The machine the session runs on.
  public var host: String
  /// The session's process id on that machine.
  public var process: Int32
  public var started: Date
  /// The last heartbeat.
  public var renewed: Date
  /// When the lease lapses without another heartbeat: a second session may then claim it
  /// without taking over (the first one crashed, or its machine went away).
  public var expires: Date

  public init(
    employee: EmployeeID, sessionID: String, host: String, process: Int32, started: Date, renewed: Date,
    expires: Date
  ) {
    self.employee = employee
    self.sessionID = sessionID
    self.host = host
    self.process = process
    self.started = started
    self.renewed = renewed
    self.expires = expires
  }
}

/// What ``ProgressStore/claimSession(_:takingOver:)`` found.
public enum SessionClaim: Sendable, Hashable {
  /// The lease is the caller's now.
  case claimed
  /// Another session holds it, and its lease has not lapsed.
  case heldBy(SessionLease)
}
