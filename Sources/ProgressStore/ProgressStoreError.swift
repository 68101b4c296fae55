/// Why the progress store refused or failed. Every case says what went wrong and where.
public enum ProgressStoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An employee id with a character that is not allowed.
  case invalidEmployeeID(String, reason: String)
  /// The store file was written by a newer coach (it has migrations this one does not know).
  case newerStore(path: String, unknownMigrations: [String])
  /// The file is not a SQLite database, or it is damaged.
  case notAStore(path: String, detail: String)
  /// The folder or file cannot be created or written.
  case cannotWrite(path: String, detail: String)
  /// The disk is full; nothing was written.
  case diskFull(path: String)
  /// Another process held the store for longer than the busy timeout.
  case busy(path: String)
  /// Any other database failure.
  case database(path: String, detail: String)

  public var description: String {
    switch self {
    case .invalidEmployeeID(let id, let reason):
      "invalid employee id \"\(id.prefix(64))\": \(reason)"
    case .newerStore(let path, let unknown):
      "\(path): this progress store was written by a newer version of coach "
        + "(unknown migrations: \(unknown.joined(separator: ", "))); upgrade coach to open it"
    case .notAStore(let path, let detail):
      "\(path): not a coach progress store (\(detail)); it was left untouched"
    case .cannotWrite(let path, let detail):
      "\(path): cannot write the progress store: \(detail)"
    case .diskFull(let path):
      "\(path): the disk is full; the last answer was not saved, everything before it is safe"
    case .busy(let path):
      "\(path): the progress store is busy (another coach is writing); try again"
    case .database(let path, let detail):
      "\(path): database error: \(detail)"
    }
  }
}
