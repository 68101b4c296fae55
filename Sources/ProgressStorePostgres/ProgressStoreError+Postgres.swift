import Foundation
import LearnerModel
import PostgresNIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A stored row that does not read back as a record.
struct RowError: Error, Sendable {
  var detail: String

  init(_ detail: String) { self.detail = detail }

  static func employeeID(_ raw: String) throws(RowError) -> EmployeeID {
    do {
      return try EmployeeID(raw)
    } catch {
      throw RowError("stored employee id \"\(raw.prefix(64))\": \(error.reason)")
    }
  }
}

extension ProgressStoreError {
  /// Translates a PostgreSQL failure into the store's error: what failed, on which server
  /// and database (the store's name says), with the SQL state when the server gave one.
  /// No message names a driver type, and none holds the password.
  init(postgres error: any Error, at location: PostgresLocation) {
    let store = location.description
    switch error {
    case let error as ProgressStoreError:
      self = error
    case let error as RowError:
      self = .unreadable(store: store, detail: error.detail)
    case let error as PostgresDecodingError:
      self = .unreadable(
        store: store,
        detail:
          "the column \(error.columnName) holds a \(error.postgresType) that coach cannot read as \(error.targetType)"
      )
    case let error as PSQLError:
      self = Self(psql: error, at: location)
    case is CancellationError:
      self = .database(store: store, detail: "the request was cancelled")
    default:
      self = .database(store: store, detail: ConnectionFailure.describe(error))
    }
  }

  private init(psql error: PSQLError, at location: PostgresLocation) {
    let store = location.description
    switch error.code {
    case .server:
      self = Self(server: error.serverInfo, at: location)
    case .sslUnsupported:
      self = .cannotOpen(
        store: store,
        detail:
          "the server does not accept TLS connections and sslmode=\(location.sslMode.rawValue) needs one; "
          + "turn on ssl on the server, or use sslmode=prefer")
    case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
      self = .cannotOpen(store: store, detail: "the TLS connection could not be set up")
    case .connectionError:
      let underlying = error.underlying
      if let tls = ConnectionFailure.tlsProblem(underlying, location: location) {
        self = .cannotOpen(store: store, detail: tls)
      } else {
        self = .unreachable(store: store, detail: ConnectionFailure.describe(underlying, location: location))
      }
    case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
      self = .unreachable(
        store: store, detail: "the connection to the server was lost (the server may have restarted)")
    case .authMechanismRequiresPassword:
      self = .cannotOpen(
        store: store,
        detail: "the server asks for a password for user '\(location.user)': set PGPASSWORD, or add the line "
          + "\(location.isUnixSocket ? "localhost" : location.host):\(location.port):\(location.database):"
          + "\(location.user):PASSWORD to ~/.pgpass (mode 600)")
    case .unsupportedAuthMechanism:
      self = .cannotOpen(
        store: store,
        detail: "the server asks for a way of signing in that coach does not support; use scram-sha-256, "
          + "md5 or trust for this user in pg_hba.conf")
    case .saslError:
      self = .cannotOpen(
        store: store, detail: "password authentication failed for user '\(location.user)'")
    case .queryCancelled:
      self = .busy(store: store)
    case .poolClosed:
      self = .cannotWrite(store: store, detail: "the store was closed")
    default:
      self = .database(store: store, detail: "the server's answer could not be understood (\(error.code))")
    }
  }

  /// An error the server sent, by SQL state.
  private init(server info: PSQLError.ServerInfo?, at location: PostgresLocation) {
    let store = location.description
    let state = info?[.sqlState] ?? "?????"
    let message = info?[.message] ?? "no message"
    let detail = "\(message) (SQL state \(state))"
    switch state {
    case "23503":
      self = .refused(
        store: store, detail: "unknown employee: save the employee before recording their progress")
    case "23514", "23502", "23505", "23001", "23000", "22003":
      self = .refused(store: store, detail: detail)
    case "42501" where message.contains("row-level security"):
      self = .refused(
        store: store,
        detail:
          "\(detail); the database user '\(location.user)' may record only the progress of the employee "
          + "with the same id")
    case "42501":
      self = .cannotWrite(
        store: store,
        detail: "\(detail); the database user '\(location.user)' lacks the right (coach store init grants "
          + "learners and trainers theirs; the schema is made by the database's owner)")
    case "28P01", "28000":
      self = .cannotOpen(
        store: store,
        detail:
          "the server refused user '\(location.user)': \(detail); check PGPASSWORD or ~/.pgpass, and pg_hba.conf"
      )
    case "3D000":
      self = .cannotOpen(
        store: store,
        detail: "there is no database '\(location.database)' on this server (SQL state 3D000); create it, "
          + "for example with coach store init")
    case "53100":
      self = .diskFull(store: store)
    case "40001", "40P01", "55P03", "57014":
      self = .busy(store: store)
    case "25006":
      self = .cannotWrite(store: store, detail: "the server is read-only: \(detail)")
    case "57P01", "57P02", "57P03", "53300":
      self = .unreachable(store: store, detail: detail)
    case let code where code.hasPrefix("08"):
      self = .unreachable(store: store, detail: detail)
    case "42P01", "42703":
      self = .notAStore(store: store, detail: "a table or column coach needs is missing: \(detail)")
    default:
      self = .database(store: store, detail: detail)
    }
  }

  /// Whether trying again on a new connection may succeed (the connection was lost or
  /// could not be made).
  var isUnreachable: Bool {
    if case .unreachable = self { return true }
    return false
  }
}

/// Plain words for a connection that could not be made.
enum ConnectionFailure {
  /// What went wrong, without the driver's type names.
  static func describe(_ error: (any Error)?, location: PostgresLocation? = nil) -> String {
    let target = location.map { $0.isUnixSocket ? "the socket \($0.socketPath)" : "\($0.host):\($0.port)" }
    let prefix = target.map { "cannot connect to \($0)" } ?? "cannot connect"
    switch error {
    case let error as NIOConnectionError:
      if error.dnsAError != nil || error.dnsAAAAError != nil {
        return "the host name '\(error.host)' could not be found"
      }
      if let first = error.connectionErrors.first {
        return "\(prefix): \(describe(first.error))"
      }
      return "\(prefix): no address of '\(error.host)' answered"
    case let error as IOError:
      return (target == nil ? "" : "\(prefix): ") + String(cString: strerror(error.errnoCode))
    case let error as ChannelError:
      if case .connectTimeout(let amount) = error {
        return "\(prefix): no answer within \(amount.nanoseconds / 1_000_000_000) seconds"
      }
      return "\(prefix): the connection failed"
    case let error as PSQLError:
      return ProgressStoreError(postgres: error, at: location ?? .unknown).detail
    case nil:
      return prefix
    default:
      return "\(prefix): the connection failed"
    }
  }

  /// A TLS failure in plain words, or `nil` when `error` is not about TLS.
  static func tlsProblem(_ error: (any Error)?, location: PostgresLocation) -> String? {
    switch error {
    case let error as NIOSSLExtraError:
      if error == .failedToValidateHostname {
        return "the server's TLS certificate is not for '\(location.host)' (sslmode=verify-full)"
      }
      return "the TLS connection failed"
    case let error as NIOSSLError:
      switch error {
      case .handshakeFailed:
        return location.sslMode == .verifyFull || location.sslMode == .verifyCA
          ? "the server's TLS certificate was not accepted: it is not signed by "
            + (location.sslRootCert.map { "the certificates in \($0)" } ?? "an authority this machine trusts")
            + " (sslmode=\(location.sslMode.rawValue)); name the right one with ?sslrootcert=FILE"
          : "the TLS handshake with the server failed"
      case .uncleanShutdown:
        return nil
      default:
        return "the TLS connection failed"
      }
    default:
      return nil
    }
  }
}

extension ProgressStoreError {
  /// The detail of a case that has one, else the whole description.
  var detail: String {
    switch self {
    case .invalidLocation(_, let detail), .notAStore(_, let detail), .cannotWrite(_, let detail),
      .cannotOpen(_, let detail), .unreachable(_, let detail),
      .refused(_, let detail), .unreadable(_, let detail), .database(_, let detail):
      detail
    default: description
    }
  }
}

extension PostgresLocation {
  /// A placeholder for describing errors with no store to name.
  static let unknown = PostgresLocation(user: "?", host: "?", database: "?")
}
