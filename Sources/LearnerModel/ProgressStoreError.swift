/// Why a progress store refused or failed. Every case names the store (a file's path, or a
/// server's address without any password) and says what went wrong.
public enum ProgressStoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The store was written by a newer coach (it has migrations this one does not know).
  case newerStore(store: String, unknownMigrations: [String])
  /// The store's path or address cannot be used as given (a URL with a password in it, an
  /// unknown setting).
  case invalidLocation(store: String, detail: String)
  /// The store is not a coach progress store, or it is damaged.
  case notAStore(store: String, detail: String)
  /// The store cannot be created, opened or written.
  case cannotWrite(store: String, detail: String)
  /// A store on a server cannot be opened at all, to read or to write: signing in, TLS,
  /// a password file or the database itself failed.
  case cannotOpen(store: String, detail: String)
  /// The disk is full; nothing was written.
  case diskFull(store: String)
  /// Another process held the store for longer than the busy timeout.
  case busy(store: String)
  /// The store's server cannot be reached, or the connection to it was lost before the
  /// store could say whether the last record was written. Trying the same record again
  /// is safe: stores keep a record sent twice once (see ``DrillAttempt/recordID``).
  case unreachable(store: String, detail: String)
  /// A record or request the store refuses (a score out of range, an unknown employee).
  case refused(store: String, detail: String)
  /// A stored row that cannot be read back as a record.
  case unreadable(store: String, detail: String)
  /// Any other failure.
  case database(store: String, detail: String)
  /// There is no store there yet (a command that only reads never creates one).
  case missing(store: String)
  /// Opened read-only, the store was written by an older coach and needs its schema
  /// brought up to date first (which only a command that writes does).
  case olderStore(store: String, missingMigrations: [String])
  /// The store's file or folder is not safe to use on a shared machine: `problem` says
  /// what is wrong, `fix` how to put it right.
  case unsafeFile(store: String, problem: String, fix: String)
  /// Another session of the same employee took over this session's lease: nothing more
  /// is recorded by this one. `holder` is the session that holds it now, when known.
  case sessionTaken(store: String, holder: SessionLease?)

  /// The store the error is about.
  public var store: String {
    switch self {
    case .newerStore(let store, _), .invalidLocation(let store, _), .notAStore(let store, _),
      .cannotWrite(let store, _), .cannotOpen(let store, _), .diskFull(let store), .busy(let store),
      .unreachable(let store, _),
      .refused(let store, _), .unreadable(let store, _), .database(let store, _), .missing(let store),
      .olderStore(let store, _), .unsafeFile(let store, _, _), .sessionTaken(let store, _):
      store
    }
  }

  public var description: String {
    switch self {
    case .newerStore(let store, let unknown):
      "\(store): this progress store was written by a newer version of coach "
        + "(unknown migrations: \(unknown.joined(separator: ", "))); upgrade coach to open it"
    case .invalidLocation(let store, let detail):
      "\(store): \(detail)"
    case .notAStore(let store, let detail):
      "\(store): not a coach progress store (\(detail)); it was left untouched"
    case .cannotWrite(let store, let detail):
      "\(store): cannot write the progress store: \(detail)"
    case .cannotOpen(let store, let detail):
      "\(store): cannot open the progress store: \(detail)"
    case .diskFull(let store):
      "\(store): the disk is full, so nothing more can be saved; everything saved before is safe"
    case .busy(let store):
      "\(store): the progress store is busy (another coach is writing); try again"
    case .unreachable(let store, let detail):
      "\(store): the progress store cannot be reached: \(detail)"
    case .refused(let store, let detail):
      "\(store): the progress store refused the record: \(detail)"
    case .unreadable(let store, let detail):
      "\(store): a stored record cannot be read: \(detail)"
    case .database(let store, let detail):
      "\(store): database error: \(detail)"
    case .missing(let store):
      "\(store): there is no progress store here yet (coach learn creates it)"
    case .olderStore(let store, let missing):
      "\(store): this progress store was written by an older version of coach (it lacks "
        + "\(missing.joined(separator: ", "))); run coach learn once to bring it up to date"
    case .unsafeFile(let store, let problem, let fix):
      "\(store): refused: \(problem); \(fix)"
    case .sessionTaken(let store, let holder):
      "\(store): another coach session took over"
        + (holder.map { " (on \($0.host), process \($0.process))" } ?? "")
        + "; this one records nothing more, and everything answered before is saved"
    }
  }
}
