import Foundation
import LearnerModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The checks a store file and its folders pass before the store reads or writes a byte,
/// so that nobody else on the machine can read the store, swap it, or plant a file
/// beside it that SQLite would use.
///
/// A private store (the default) is a regular file of the user running coach, with no
/// group or other permission bits, in a folder only that user (or root) can write,
/// reached through folders where nobody else can rename anything on the way. A store
/// shared on purpose (``SQLiteProgressStore/Sharing/shared``, a training room's host)
/// may belong to another user and be read and written by its group, never by everyone.
///
/// A sticky world-writable folder such as `/tmp` keeps others from renaming or deleting
/// *your* files, but not from creating new ones: SQLite opens `<store>-wal`, `-shm` and
/// `-journal` by name next to the store, and would use such a file planted by someone
/// else (who could then read every page written to it). So the store's own folder is
/// never one that others can write, sticky or not; a sticky folder higher up is safe
/// when the folder below it belongs to you or to root, since nobody else can rename it.
enum FileSafety {
  /// What `lstat` says about a path, or `nil` when nothing is there.
  struct Status {
    var mode: UInt32
    var owner: uid_t
    var group: gid_t

    var type: UInt32 { mode & 0o170000 }
    var isLink: Bool { type == 0o120000 }
    var isFile: Bool { type == 0o100000 }
    var isFolder: Bool { type == 0o040000 }
    var permissions: UInt32 { mode & 0o7777 }
    var octal: String { String(permissions, radix: 8).leftPadded(to: 4) }
  }

  static func status(_ path: String, store: String) throws(ProgressStoreError) -> Status? {
    var info = stat()
    if lstat(path, &info) != 0 {
      let code = errno
      if code == ENOENT { return nil }
      if code == ENOTDIR {
        throw .cannotWrite(store: store, detail: "a part of \(path) is a file, not a folder")
      }
      throw .cannotWrite(store: store, detail: "cannot look at \(path): \(String(cString: strerror(code)))")
    }
    return Status(mode: UInt32(info.st_mode), owner: info.st_uid, group: info.st_gid)
  }

  /// Refuses a store file, or a `-wal`, `-shm` or `-journal` file beside it, that is not
  /// safe to open. Nothing there is fine (it will be created).
  static func checkFile(
    _ path: String, store: String, sharing: SQLiteProgressStore.Sharing, companion: Bool = false
  ) throws(ProgressStoreError) {
    guard let file = try status(path, store: store) else { return }
    let what = companion ? "its file \(path)" : "the store"
    let user = geteuid()
    if file.isLink {
      let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
      throw .unsafeFile(
        store: store, problem: "\(what) is a symbolic link (to \(target)), which coach never follows",
        fix: companion
          ? "remove the link \(path)" : "give the real file's path, or replace the link with the file itself")
    }
    if file.isFolder && !companion {
      throw .unsafeFile(
        store: store, problem: "it is a folder, not a store file",
        fix:
          "give the path of the file inside it, such as \((path as NSString).appendingPathComponent("progress.sqlite"))"
      )
    }
    guard file.isFile else {
      throw .unsafeFile(
        store: store, problem: "\(what) is not a regular file",
        fix: companion ? "remove \(path)" : "give the path of a coach progress store file")
    }
    if file.owner != user && sharing == .privateFile {
      throw .unsafeFile(
        store: store, problem: "\(what) belongs to another user (\(userName(file.owner)))",
        fix: "use a store of your own, or pass --shared-store if this is a store shared on purpose")
    }
    if file.permissions & 0o007 != 0 {
      throw .unsafeFile(
        store: store,
        problem: "\(what) can be \(file.permissions & 0o002 != 0 ? "written" : "read") by every user of this "
          + "machine (mode \(file.octal))",
        fix: "chmod o-rwx '\(path)'")
    }
    if file.permissions & 0o070 != 0 && sharing == .privateFile {
      throw .unsafeFile(
        store: store,
        problem: "\(what) can be read or written by the group \(groupName(file.group)) (mode \(file.octal))",
        fix: "chmod 600 '\(path)', or pass --shared-store if the group shares the store on purpose")
    }
  }

  /// Refuses a folder chain where someone else could write the store's folder, or rename
  /// a folder on the way to it. `folder` exists.
  ///
  /// With `forNewFolder`, `folder` is where coach is about to create the store's folder
  /// (its own, mode 0700): a sticky folder others can write, such as `/tmp`, is then fine,
  /// since nobody else can rename or replace what coach creates there.
  static func checkFolders(
    _ folder: String, store: String, sharing: SQLiteProgressStore.Sharing, forNewFolder: Bool = false
  )
    throws(ProgressStoreError)
  {
    guard let resolved = realpath(folder, nil) else {
      throw .cannotWrite(
        store: store, detail: "cannot find the folder \(folder): \(String(cString: strerror(errno)))")
    }
    let real = String(cString: resolved)
    free(resolved)
    let user = geteuid()
    guard let own = try status(real, store: store), own.isFolder else {
      throw .cannotWrite(store: store, detail: "\(folder) is not a folder")
    }
    let stickyParent = forNewFolder && own.permissions & 0o1000 != 0
    if own.permissions & 0o002 != 0 && !stickyParent {
      throw .unsafeFile(
        store: store,
        problem: "every user of this machine can create files in its folder \(real) (mode \(own.octal)), "
          + "such as a -wal file that SQLite would use",
        fix: "keep the store in a folder only you can write, such as ~/.local/share/coach")
    }
    if sharing == .privateFile {
      if own.owner != user && own.owner != 0 {
        throw .unsafeFile(
          store: store, problem: "its folder \(real) belongs to another user (\(userName(own.owner)))",
          fix: "keep the store in a folder of your own, or pass --shared-store if it is shared on purpose")
      }
      if own.permissions & 0o020 != 0 && !stickyParent {
        throw .unsafeFile(
          store: store,
          problem:
            "the group \(groupName(own.group)) can create files in its folder \(real) (mode \(own.octal))",
          fix: "chmod g-w '\(real)', or pass --shared-store if the group shares the store on purpose")
      }
    }
    // Every folder above: nobody else may rename what is below it.
    var below = real
    var child = own
    while below != "/" {
      let above = (below as NSString).deletingLastPathComponent
      guard let parent = try status(above.isEmpty ? "/" : above, store: store) else { break }
      let othersWrite = parent.permissions & 0o002 != 0
      let groupWrites = parent.permissions & 0o020 != 0 && sharing == .privateFile
      let sticky = parent.permissions & 0o1000 != 0
      let childIsSafe = child.owner == user || child.owner == 0
      if (othersWrite || groupWrites) && !(sticky && childIsSafe) {
        throw .unsafeFile(
          store: store,
          problem: "\(othersWrite ? "every user" : "the group \(groupName(parent.group))") can rename "
            + "\(below) inside \(above) (mode \(parent.octal)), and so put another folder in its place",
          fix: "keep the store under folders that only you or root can write")
      }
      if sharing == .privateFile && parent.owner != user && parent.owner != 0 {
        throw .unsafeFile(
          store: store,
          problem: "the folder \(above) on the way to it belongs to another user (\(userName(parent.owner)))",
          fix: "keep the store under folders of your own")
      }
      below = above.isEmpty ? "/" : above
      child = parent
    }
  }

  static func userName(_ uid: uid_t) -> String {
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
    return "\(String(cString: name)), uid \(uid)"
  }

  static func groupName(_ gid: gid_t) -> String {
    guard let entry = getgrgid(gid), let name = entry.pointee.gr_name else { return "gid \(gid)" }
    return String(cString: name)
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
