import Foundation
import LearnerModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a PostgreSQL progress store lives, read from a URL of the form
/// `postgres://user@host:port/dbname?sslmode=require`.
///
/// Parts left out are filled in as `psql` fills them in: `$PGUSER` (else the login name),
/// `$PGHOST` (else the local server's socket folder, `/var/run/postgresql`), `$PGPORT`
/// (else 5432), `$PGDATABASE` (else the user name) and `$PGSSLMODE` (else `prefer`).
///
/// A password is never taken from the URL, which `ps` would show to everyone on the
/// machine: it comes from `$PGPASSWORD` or a `~/.pgpass` line (see ``PasswordFile``).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  /// How the connection uses TLS, as `libpq` names the modes.
  public enum SSLMode: String, Sendable, CaseIterable {
    /// Plain TCP.
    case disable
    /// TLS when the server offers it, else plain; the certificate is not checked.
    case prefer
    /// TLS or nothing; the certificate is not checked.
    case require
    /// TLS, with a certificate signed by a trusted authority.
    case verifyCA = "verify-ca"
    /// TLS, with a certificate signed by a trusted authority for the host name connected to.
    case verifyFull = "verify-full"
  }

  public var user: String
  /// A host name or address, or a folder holding the server's Unix socket (starting with `/`).
  public var host: String
  public var port: Int
  public var database: String
  public var sslMode: SSLMode
  /// The certificates that `verify-ca` and `verify-full` trust (`sslrootcert`); `nil`: the
  /// system's authorities, or `~/.postgresql/root.crt` when it exists, as `libpq` does.
  public var sslRootCert: String?

  public init(
    user: String, host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer,
    sslRootCert: String? = nil
  ) {
    self.user = user
    self.host = host
    self.port = port
    self.database = database
    self.sslMode = sslMode
    self.sslRootCert = sslRootCert
  }

  /// Whether `text` names a PostgreSQL store (rather than an SQLite file).
  public static func isURL(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
  }

  /// Whether the connection goes through a Unix socket rather than TCP.
  public var isUnixSocket: Bool { host.hasPrefix("/") }

  /// The socket file of a Unix-socket connection.
  var socketPath: String { (host as NSString).appendingPathComponent(".s.PGSQL.\(port)") }

  /// `postgres://user@host:port/dbname`: what every message calls the store. It never
  /// holds a password.
  public var description: String {
    let shownHost = host.contains(":") && !isUnixSocket ? "[\(host)]" : host
    if isUnixSocket { return "postgres://\(user)@localhost:\(port)/\(database) (socket \(host))" }
    return "postgres://\(user)@\(shownHost):\(port)/\(database)"
  }

  /// The location as a URL that ``init(url:environment:)`` reads back as it is (never with
  /// a password), to hand to another process.
  public var url: String {
    var components = URLComponents()
    components.scheme = "postgres"
    components.user = user
    components.path = "/" + database
    var query = [URLQueryItem(name: "sslmode", value: sslMode.rawValue)]
    if isUnixSocket {
      query.append(URLQueryItem(name: "host", value: host))
    } else {
      components.host = host.contains(":") ? "[\(host)]" : host
    }
    components.port = port
    if let sslRootCert { query.append(URLQueryItem(name: "sslrootcert", value: sslRootCert)) }
    components.queryItems = query
    return components.string ?? description
  }

  /// The same server and user, another database (to create or drop one).
  public func database(_ name: String) -> PostgresLocation {
    var other = self
    other.database = name
    return other
  }

  /// The URL parameters coach reads; any other is refused, as `libpq` refuses it.
  static let parameters = ["sslmode", "sslrootcert", "host", "port", "user", "dbname"]

  /// Reads a `postgres://` or `postgresql://` URL.
  /// - Throws: ``ProgressStoreError/invalidLocation(store:detail:)`` naming what is wrong: a
  ///   password in the URL (use `PGPASSWORD` or `~/.pgpass`), an unknown `sslmode` or
  ///   parameter, a port that is not a number.
  public init(url text: String, environment: [String: String]) throws(ProgressStoreError) {
    let shown = Self.withoutPassword(text)
    func bad(_ detail: String) -> ProgressStoreError { .invalidLocation(store: shown, detail: detail) }
    guard Self.isURL(text), let components = URLComponents(string: text) else {
      throw bad("not a PostgreSQL URL; write postgres://user@host:port/dbname?sslmode=require")
    }
    if components.password != nil {
      throw bad(
        "a password in the URL would be shown to everyone on this machine (in ps); leave it out and "
          + "set PGPASSWORD or add a line to ~/.pgpass instead")
    }
    var query: [String: String] = [:]
    for item in components.queryItems ?? [] {
      if item.name == "password" {
        throw bad("a password in the URL is not used: set PGPASSWORD or add a line to ~/.pgpass instead")
      }
      guard Self.parameters.contains(item.name) else {
        throw bad(
          "unknown URL parameter '\(item.name)'; coach reads \(Self.parameters.joined(separator: ", "))")
      }
      query[item.name] = item.value ?? ""
    }
    func nonEmpty(_ value: String?) -> String? {
      guard let value, !value.isEmpty else { return nil }
      return value
    }

    let user =
      nonEmpty(components.user) ?? nonEmpty(query["user"]) ?? nonEmpty(environment["PGUSER"])
      ?? Self.loginName()
    guard let user else { throw bad("no user name: write it before the host, postgres://user@host/dbname") }

    var host = nonEmpty(components.percentEncodedHost.flatMap { $0.removingPercentEncoding })
    if let bracketed = host, bracketed.hasPrefix("["), bracketed.hasSuffix("]") {
      host = String(bracketed.dropFirst().dropLast())
    }
    host = host ?? nonEmpty(query["host"]) ?? nonEmpty(environment["PGHOST"]) ?? "/var/run/postgresql"

    var port = 5432
    if let given = components.port {
      port = given
    } else if let text = nonEmpty(query["port"]) ?? nonEmpty(environment["PGPORT"]) {
      guard let number = Int(text) else { throw bad("the port '\(text)' is not a number") }
      port = number
    }
    guard (1...65535).contains(port) else { throw bad("the port \(port) is not between 1 and 65535") }

    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    if path.contains("/") {
      throw bad("the database name '\(path)' has a '/'; write postgres://user@host/dbname")
    }
    let database = nonEmpty(path) ?? nonEmpty(query["dbname"]) ?? nonEmpty(environment["PGDATABASE"]) ?? user

    let modeText = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? "prefer"
    guard let mode = SSLMode(rawValue: modeText) else {
      let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
      throw bad("sslmode '\(modeText)' is not one coach knows; use one of \(known)")
    }
    let rootCert = nonEmpty(query["sslrootcert"]) ?? nonEmpty(environment["PGSSLROOTCERT"])
    self.init(
      user: user, host: host!, port: port, database: database, sslMode: mode, sslRootCert: rootCert)
  }

  /// The URL without its query and without any password (`//user:secret@` becomes
  /// `//user@`), for messages about a URL that could not be read.
  static func withoutPassword(_ text: String) -> String {
    var shown = String(text.prefix { $0 != "?" })
    if let scheme = shown.range(of: "://") {
      let authorityEnd = shown[scheme.upperBound...].firstIndex(of: "/") ?? shown.endIndex
      let authority = shown[scheme.upperBound..<authorityEnd]
      if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
        shown.removeSubrange(colon..<at)
      }
    }
    return shown
  }

  /// The name of the user running coach, as `libpq` takes it when no user is given.
  static func loginName() -> String? {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
    return String(cString: name)
  }
}
