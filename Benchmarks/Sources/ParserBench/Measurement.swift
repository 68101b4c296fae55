import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// One run of a command: its wall time, its CPU time (user + system) and its peak
/// resident memory, from `wait4`, so that each figure is the child's own.
struct Measurement {
  var status: Int32
  var wall: Double
  var cpu: Double
  var peakKilobytes: Int

  /// Runs `command` (the program's path first) with standard input, output and error on
  /// `/dev/null`, and waits for it.
  static func run(_ command: [String]) throws -> Measurement {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = command.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start \(command[0]): errno \(spawned)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    let exited = status & 0x7F == 0
    return Measurement(
      status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), wall: wall,
      cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakKilobytes: Int(usage.ru_maxrss))
  }
}

/// Medians of several runs of one command.
struct Summary {
  var wall: Double
  var cpu: Double
  var peakMegabytes: Double

  init(_ runs: [Measurement]) {
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    wall = median(runs.map(\.wall))
    cpu = median(runs.map(\.cpu))
    peakMegabytes = median(runs.map { Double($0.peakKilobytes) / 1024 })
  }
}
