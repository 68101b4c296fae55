import Foundation
import LearnerModel
import Testing

@testable import ProgressStorePostgres

/// Reading `postgres://` URLs as libpq reads them, and never a password from one.
@Suite struct LocationTests {
  func location(_ url: String, _ environment: [String: String] = [:]) throws -> PostgresLocation {
    try PostgresLocation(url: url, environment: environment)
  }

  @Test func everyPartIsRead() throws {
    let l = try location(
      "postgres://coach@db.example.com:6543/training?sslmode=verify-full&sslrootcert=/etc/ca.pem")
    #expect(
      l
        == PostgresLocation(
          user: "coach", host: "db.example.com", port: 6543, database: "training", sslMode: .verifyFull,
          sslRootCert: "/etc/ca.pem"))
    #expect(l.description == "postgres://coach@db.example.com:6543/training")
    #expect(try location("postgresql://a%40b@[::1]/x").host == "::1")
    #expect(try location("postgresql://a%40b@[::1]/x").user == "a@b")
    #expect(try location("postgresql://a%40b@[::1]/x").description == "postgres://a@b@[::1]:5432/x")
  }

  @Test func missingPartsComeFromTheEnvironmentAsInLibpq() throws {
    let env = [
      "PGUSER": "envuser", "PGHOST": "envhost", "PGPORT": "7000", "PGDATABASE": "envdb",
      "PGSSLMODE": "require",
    ]
    #expect(
      try location("postgres://", env)
        == PostgresLocation(
          user: "envuser", host: "envhost", port: 7000, database: "envdb", sslMode: .require))
    let defaults = try location("postgres://ada@db")
    #expect(defaults.port == 5432)
    #expect(defaults.database == "ada")
    #expect(defaults.sslMode == .prefer)
    let socket = try location("postgres://ada@/coach")
    #expect(socket.isUnixSocket)
    #expect(socket.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
    #expect(try location("postgres://ada@/coach?host=/tmp/pg").socketPath == "/tmp/pg/.s.PGSQL.5432")
  }

  @Test func aPasswordInTheURLIsRefusedAndNeverShown() {
    for url in ["postgres://ada:hunter2@db/coach", "postgres://ada@db/coach?password=hunter2"] {
      #expect {
        try PostgresLocation(url: url, environment: [:])
      } throws: { error in
        let text = "\(error)"
        return text.contains("PGPASSWORD") && text.contains("~/.pgpass") && !text.contains("hunter2")
      }
    }
  }

  @Test func unknownSettingsAreRefusedByName() {
    #expect {
      try PostgresLocation(url: "postgres://ada@db/coach?sslmode=allow", environment: [:])
    } throws: { "\($0)".contains("sslmode 'allow'") && "\($0)".contains("verify-full") }
    #expect {
      try PostgresLocation(url: "postgres://ada@db/coach?connect_timeout=3", environment: [:])
    } throws: { "\($0)".contains("unknown URL parameter 'connect_timeout'") }
    #expect {
      try PostgresLocation(url: "postgres://ada@db:0/coach", environment: [:])
    } throws: { "\($0)".contains("port 0") }
    #expect(!PostgresLocation.isURL("/home/ada/progress.sqlite"))
    #expect(PostgresLocation.isURL("POSTGRESQL://db/x"))
  }
}

/// The password file, by libpq's rules.
@Suite struct RootCertificateTests {
  @Test func rootCrtIsReadFromTheHomeThatPgpassIsReadFrom() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: home) }
    let location = try PostgresLocation(
      url: "postgres://ada@db.example.com/coach?sslmode=verify-full", environment: [:])
    #expect(Connector.rootCertificates(location, environment: ["HOME": home.path]) == nil)
    try FileManager.default.createDirectory(
      at: home.appendingPathComponent(".postgresql"), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: home.appendingPathComponent(".postgresql/root.crt"))
    #expect(
      Connector.rootCertificates(location, environment: ["HOME": home.path])
        == home.appendingPathComponent(".postgresql/root.crt").path)
    #expect(
      PasswordFile.path(environment: ["HOME": home.path]) == home.appendingPathComponent(".pgpass").path)
  }
}

@Suite struct PasswordFileTests {
  let file = """
    # comment:lines:are:skipped:x
    db.example.com:5432:coach:ada:first-match
    db.example.com:5432:coach:ada:second
    *:*:other:ada:wild
    db\\:odd:5432:c\\\\d:ada:pass\\:with\\\\escapes:ignored
    localhost:5432:*:bob:socket
    """

  func look(_ host: String, _ port: String, _ database: String, _ user: String) -> String? {
    PasswordFile.lookup(file, host: host, port: port, database: database, user: user)
  }

  @Test func theFirstMatchingLineGivesThePassword() {
    #expect(look("db.example.com", "5432", "coach", "ada") == "first-match")
    #expect(look("anywhere", "9", "other", "ada") == "wild")
    #expect(look("db.example.com", "5433", "coach", "ada") == nil)
    #expect(look("db.example.com", "5432", "coach", "eve") == nil)
  }

  @Test func backslashesEscapeColonsAndBackslashes() {
    #expect(look("db:odd", "5432", "c\\d", "ada") == "pass:with\\escapes")
  }

  @Test func localhostStandsForTheSocket() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("pgpass").path
    FileManager.default.createFile(
      atPath: path, contents: Data(file.utf8), attributes: [.posixPermissions: 0o600])
    let socket = PostgresLocation(user: "bob", host: "/var/run/postgresql", database: "coach")
    #expect(try PasswordFile.password(for: socket, environment: ["PGPASSFILE": path]) == "socket")
    #expect(
      try PasswordFile.password(for: socket, environment: ["PGPASSFILE": path, "PGPASSWORD": "env"]) == "env")
  }

  @Test func aFileOthersCanReadIsRefused() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
      .path
    FileManager.default.createFile(
      atPath: path, contents: Data(file.utf8), attributes: [.posixPermissions: 0o644])
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ada = PostgresLocation(user: "ada", host: "db.example.com", database: "coach")
    #expect {
      try PasswordFile.password(for: ada, environment: ["PGPASSFILE": path])
    } throws: { error in
      "\(error)".contains("chmod 600") && "\(error)".contains("mode 644")
        && !"\(error)".contains("first-match")
    }
    #expect(try PasswordFile.password(for: ada, environment: ["PGPASSFILE": path + ".missing"]) == nil)
  }
}

extension LocationTests {
  @Test func aLocationAsAURLReadsBackAsItIs() throws {
    for location in [
      PostgresLocation(
        user: "a@b", host: "db", port: 6000, database: "x y", sslMode: .require, sslRootCert: "/c a.pem"),
      PostgresLocation(user: "ada", host: "/tmp/sock", port: 5433, database: "coach", sslMode: .disable),
      PostgresLocation(user: "ada", host: "::1", database: "coach"),
    ] {
      #expect(try PostgresLocation(url: location.url, environment: [:]) == location, "\(location.url)")
    }
  }
}
