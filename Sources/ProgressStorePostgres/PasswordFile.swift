import Foundation
import LearnerModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the password of a PostgreSQL connection comes from: `$PGPASSWORD`, else the
/// password file (`$PGPASSFILE`, else `~/.pgpass`), read by the rules of `libpq`:
///
/// - each line is `hostname:port:database:username:password`; lines starting with `#`
///   are comments;
/// - each of the first four fields is matched literally, or is `*` to match anything;
/// - `\:` and `\\` stand for a colon and a backslash in any field;
/// - the first line that matches gives the password;
/// - `localhost` matches a connection through the local Unix socket;
/// - a file that group or others may read or write is not used (`chmod 600 ~/.pgpass`):
///   where `libpq` warns and goes on without it, coach stops and says so, since the
///   next thing to fail would be the password.
public enum PasswordFile {
  /// The password for `location`, or `nil` when none is configured (the server may not
  /// ask for one).
  /// - Throws: ``ProgressStoreError/cannotOpen(store:detail:)`` for a password file that
  ///   others can read, that is not a plain file, or that cannot be read.
  public static func password(for location: PostgresLocation, environment: [String: String])
    throws(ProgressStoreError) -> String?
  {
    if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
    guard let path = path(environment: environment) else { return nil }
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }  // no file: no password
    let store = location.description
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw .cannotOpen(store: store, detail: "the password file \(path) is not a plain file")
    }
    if info.st_mode & 0o077 != 0 {
      throw .cannotOpen(
        store: store,
        detail:
          "the password file \(path) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8)));"
          + " it is not used until only you can read it: chmod 600 \(path)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .cannotOpen(store: store, detail: "cannot read the password file \(path)")
    }
    let host = location.isUnixSocket ? "localhost" : location.host
    return lookup(
      String(decoding: data, as: UTF8.self), host: host, port: String(location.port),
      database: location.database, user: location.user)
  }

  /// `$PGPASSFILE`, else `~/.pgpass` (`$HOME`, else the home folder of the user).
  static func path(environment: [String: String]) -> String? {
    if let file = environment["PGPASSFILE"], !file.isEmpty { return file }
    return home(environment: environment).map { ($0 as NSString).appendingPathComponent(".pgpass") }
  }

  /// The home folder coach reads `.pgpass` and `.postgresql/root.crt` from: `$HOME`, else
  /// the home folder of the user.
  static func home(environment: [String: String]) -> String? {
    if let home = environment["HOME"], !home.isEmpty { return home }
    guard let entry = getpwuid(geteuid()), let dir = entry.pointee.pw_dir else { return nil }
    return String(cString: dir)
  }

  /// The password of the first line of `text` whose host, port, database and user match.
  public static func lookup(_ text: String, host: String, port: String, database: String, user: String)
    -> String?
  {
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.isEmpty || line.hasPrefix("#") { continue }
      var rest = line
      var matched = true
      for wanted in [host, port, database, user] {
        guard let after = match(rest, wanted) else {
          matched = false
          break
        }
        rest = after
      }
      guard matched else { continue }
      // The password: up to the first unescaped colon, escapes removed.
      var password = ""
      var escaped = false
      for character in rest {
        if escaped {
          password.append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":" {
          break
        } else {
          password.append(character)
        }
      }
      if escaped { password.append("\\") }  // a backslash at the very end stands for itself
      return password.isEmpty ? nil : password
    }
    return nil
  }

  /// Matches one field at the start of `field...`: `*:` matches anything; otherwise the
  /// field, unescaped, must equal `wanted`. Returns what follows the field's colon.
  private static func match(_ text: Substring, _ wanted: String) -> Substring? {
    if text.hasPrefix("*:") { return text.dropFirst(2) }
    var value = ""
    var index = text.startIndex
    while index < text.endIndex {
      var character = text[index]
      if character == "\\" {
        let next = text.index(after: index)
        guard next < text.endIndex else { return nil }
        index = next
        character = text[index]
        value.append(character)
      } else if character == ":" {
        return value == wanted ? text[text.index(after: index)...] : nil
      } else {
        value.append(character)
      }
      index = text.index(after: index)
    }
    return nil  // no colon after the field: the line has too few fields
  }
}
