import Foundation

/// Where the progress store lives when nobody says otherwise.
public enum StoreLocation {
  /// The store's path: `--store PATH`, else `$COACH_STORE`, else
  /// `$XDG_DATA_HOME/coach/progress.sqlite`, else `~/.local/share/coach/progress.sqlite`.
  ///
  /// Empty values count as unset, and a leading `~` or `~/` is expanded with `$HOME`.
  /// A relative `$XDG_DATA_HOME` is ignored, as the XDG specification asks.
  /// - Parameters:
  ///   - explicit: The value of `--store`, if given.
  ///   - environment: The process environment (`ProcessInfo.processInfo.environment`).
  /// - Returns: The path of the database file.
  public static func resolve(explicit: String?, environment: [String: String]) -> String {
    func nonEmpty(_ value: String?) -> String? {
      guard let value, !value.isEmpty else { return nil }
      return value
    }
    let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
    func expand(_ path: String) -> String {
      if path == "~" { return home }
      if path.hasPrefix("~/") { return home + path.dropFirst(1) }
      return path
    }
    if let explicit = nonEmpty(explicit) { return expand(explicit) }
    if let store = nonEmpty(environment["COACH_STORE"]) { return expand(store) }
    if let data = nonEmpty(environment["XDG_DATA_HOME"]).map(expand), data.hasPrefix("/") {
      return (data as NSString).appendingPathComponent("coach/progress.sqlite")
    }
    return (home as NSString).appendingPathComponent(".local/share/coach/progress.sqlite")
  }

  /// Why `path` names a store coach cannot open, or `nil` for a file path or a PostgreSQL URL.
  ///
  /// A server address (`postgres://user:password@host/db`) is named without its user
  /// and password.
  public static func unsupported(_ path: String) -> String? {
    guard let range = path.range(of: "://") else { return nil }
    let scheme = path[..<range.lowerBound].lowercased()
    guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
      return nil
    }
    var rest = path[range.upperBound...]
    if let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/") { rest = rest[rest.index(after: at)...] }
    let shown = "\(scheme)://\(rest.prefix(200))"
    if scheme == "postgres" || scheme == "postgresql" { return nil }
    return "\(shown): not a store coach can open; give the path of a store file or a postgres:// URL"
  }
}
