import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a short-lived program with a deadline, without `Foundation.Process`.
///
/// `Process` on Linux learns that a child ended when a socket it hands the child closes.
/// `tmux new-session` forks the tmux server, which keeps that socket, so `waitUntilExit`
/// never returns (swift-corelibs-foundation issue 4795): on a machine with no tmux server
/// running yet, the terminal tests hung until CI's time ran out. Here the child gets
/// `/dev/null` or a pipe on 0, 1 and 2, no other descriptor, no blocked signal; its own
/// pid is waited for, and a child still running at the deadline is killed.
enum Spawn {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  struct Result {
    var status: Int32
    var output: String
  }

  /// Runs `path` with `arguments`; `captureOutput` reads its standard output.
  static func run(
    _ path: String, _ arguments: [String], environment: [String: String],
    captureOutput: Bool = false, timeout: Double = 10
  ) throws -> Result {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var ends: [Int32] = [-1, -1]
    if captureOutput {
      guard pipe(&ends) == 0 else { throw Failure(description: "pipe: errno \(errno)") }
      for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    }
    defer { for end in ends where end >= 0 { close(end) } }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if captureOutput {
      posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    closeDescriptorsFromThree(&actions)

    // Threads here block most signals, and a spawned child inherits the mask: tmux's
    // server and the program in its pane would ignore kill-server's hangup.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var signals = sigset_t()
    sigemptyset(&signals)
    posix_spawnattr_setsigmask(&attributes, &signals)
    sigfillset(&signals)
    posix_spawnattr_setsigdefault(&attributes, &signals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw Failure(description: "cannot start \(path): errno \(spawned)") }
    if captureOutput {
      close(ends[1])
      ends[1] = -1
    }

    let deadline = Date().addingTimeInterval(timeout)
    var output = [UInt8]()
    if captureOutput {
      var buffer = [UInt8](repeating: 0, count: 65536)
      reading: while Date() < deadline {
        var poller = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 50) > 0 else { continue }
        let count = read(ends[0], &buffer, buffer.count)
        if count <= 0 { break reading }
        output.append(contentsOf: buffer[0..<count])
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      guard Date() < deadline else {
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        throw Failure(description: "\(path) \(arguments.joined(separator: " ")) took over \(timeout) s")
      }
      usleep(10_000)
    }
    return Result(status: status, output: String(decoding: output, as: UTF8.self))
  }

  /// Asks for every descriptor from 3 up to be closed in the child. glibc has had
  /// `posix_spawn_file_actions_addclosefrom_np` since 2.34, but Swift's Glibc module does
  /// not show it, so it is looked up by name.
  private static func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    if let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") {
      _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
      return
    }
    // An older C library: close each descriptor open now.
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/fd")) ?? []
    for name in open {
      if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    }
  }
}
