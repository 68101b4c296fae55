import Foundation
import LearnerModel
import Logging
import PostgresNIO
import Synchronization

/// Opens connections to one database as one user, with TLS as the location's `sslmode`
/// asks and the password from ``PasswordFile``.
struct Connector: Sendable {
  let location: PostgresLocation
  let password: String?
  /// How long a connection may take to be made (TCP and the server's welcome).
  let connectTimeout: Duration
  private let tls: TLSChoice

  /// The driver logs nothing: what goes wrong comes back as a ``ProgressStoreError``.
  static let logger = Logger(label: "coach.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  private enum TLSChoice: Sendable {
    case disable
    /// TLS if the server offers it; on a failed handshake, plain TCP.
    case prefer(NIOSSLContext)
    case require(NIOSSLContext)
  }

  init(location: PostgresLocation, password: String?, connectTimeout: Duration = .seconds(5))
    throws(ProgressStoreError)
  {
    self.location = location
    self.password = password
    self.connectTimeout = connectTimeout
    if location.isUnixSocket {
      tls = .disable
      return
    }
    var configuration = TLSConfiguration.makeClientConfiguration()
    switch location.sslMode {
    case .disable:
      tls = .disable
      return
    case .prefer, .require:
      configuration.certificateVerification = .none
    case .verifyCA, .verifyFull:
      configuration.certificateVerification =
        location.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
      if let roots = Self.rootCertificates(location) {
        guard FileManager.default.isReadableFile(atPath: roots) else {
          throw .cannotOpen(
            store: location.description,
            detail: "the root certificate file \(roots) (sslrootcert) cannot be read")
        }
        configuration.trustRoots = .file(roots)
      } else {
        configuration.trustRoots = .default
      }
    }
    let context: NIOSSLContext
    do {
      context = try NIOSSLContext(configuration: configuration)
    } catch {
      throw .cannotOpen(
        store: location.description,
        detail:
          "the TLS settings cannot be used (is \(location.sslRootCert ?? "the root certificate") a PEM file?)"
      )
    }
    tls = location.sslMode == .prefer ? .prefer(context) : .require(context)
  }

  /// `sslrootcert`; else `~/.postgresql/root.crt` when it exists (as `libpq` reads it);
  /// else `nil`, the authorities the system trusts. `sslrootcert=system` asks for those.
  /// The home folder is the one `~/.pgpass` is read from (`$HOME`, else the user's).
  static func rootCertificates(
    _ location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    if let given = location.sslRootCert { return given == "system" ? nil : given }
    guard let home = PasswordFile.home(environment: environment) else { return nil }
    let file = (home as NSString).appendingPathComponent(".postgresql/root.crt")
    return FileManager.default.fileExists(atPath: file) ? file : nil
  }

  /// A new connection, signed in.
  /// - Throws: ``ProgressStoreError/unreachable(store:detail:)`` when the server cannot be
  ///   reached; other cases (a refused password, a missing database, TLS) as mapped.
  func connect() async throws(ProgressStoreError) -> PostgresConnection {
    let first: PostgresConnection.Configuration.TLS
    switch tls {
    case .disable: first = .disable
    case .require(let context): first = .require(context)
    case .prefer(let context): first = .prefer(context)
    }
    do {
      return try await connect(first)
    } catch {
      // libpq's prefer: when TLS could not be set up, try again without it.
      if case .prefer = tls, Self.isTLS(error) {
        do { return try await connect(.disable) } catch {
          throw ProgressStoreError(postgres: error, at: location)
        }
      }
      throw ProgressStoreError(postgres: error, at: location)
    }
  }

  /// Whether a connection failed in setting up TLS (rather than reaching the server).
  private static func isTLS(_ error: any Error) -> Bool {
    guard let error = error as? PSQLError else { return false }
    if error.code == .failedToAddSSLHandler { return true }
    return error.code == .connectionError
      && (error.underlying is NIOSSLError || error.underlying is NIOSSLExtraError)
  }

  private func connect(_ tls: PostgresConnection.Configuration.TLS) async throws -> PostgresConnection {
    var configuration: PostgresConnection.Configuration
    if location.isUnixSocket {
      configuration = .init(
        unixSocketPath: location.socketPath, username: location.user, password: password,
        database: location.database)
    } else {
      configuration = .init(
        host: location.host, port: location.port, username: location.user, password: password,
        database: location.database, tls: tls)
    }
    configuration.options.connectTimeout = .seconds(connectTimeout.components.seconds)
    configuration.options.additionalStartupParameters = [("application_name", "coach")]
    return try await PostgresConnection.connect(
      configuration: configuration, id: Self.nextID.add(), logger: Self.logger)
  }

  private static let nextID = Counter()
}

/// A number that counts up, shared by every connection of the process (the driver wants
/// an id for each connection).
final class Counter: Sendable {
  private let value = Mutex(0)
  func add() -> Int {
    value.withLock {
      $0 += 1; return $0
    }
  }
}
