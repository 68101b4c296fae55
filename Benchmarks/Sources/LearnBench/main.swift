import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// `make bench` (learn part): `coach learn` with content far past any reading time, in
// pipe mode and (with tmux) on a terminal, beside baselines measured in the same run:
//
// - a 50 MB lesson, as 400,000 paragraphs and as one paragraph: pipe mode's time and
//   peak memory beside `coach check` of the same course (parsing it, which learn does
//   first); a terminal's page turns beside page turns of an ordinary lesson;
// - a reflection of 200,000 pasted lines: pipe mode beside the same run with a one-line
//   reflection, and on a terminal beside a raw reader of the same paste (`head -c`).
//
// Usage: LearnBench PATH-TO-RELEASE-COACH

let coach = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../.build/release/coach"
let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
  "coach-learn-bench-\(getpid())")
try? FileManager.default.removeItem(at: work)
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

// MARK: - Courses

/// Writes a course whose one lesson is about `megabytes` of text.
func bigCourse(_ name: String, megabytes: Int, oneParagraph: Bool) throws -> String {
  let folder = work.appendingPathComponent(name)
  let course = folder.appendingPathComponent("big")
  try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
  try "---\nid: big\ntitle: Big\n---\n\n# Big\n\nA course with a very long lesson.\n\n1. [Long](01-long.md)\n"
    .write(to: course.appendingPathComponent("course.md"), atomically: true, encoding: .utf8)
  let words = "customer service greeting listen promise team smile answer problem owner call visit trust"
    .split(separator: " ")
  var rng = SystemRandomNumberGenerator()
  var text = "# Long\n\nA very long module.\n\n## Lesson: The long read {#long}\n\n"
  text.reserveCapacity(megabytes * 1_048_576 + 1_000)
  while text.utf8.count < megabytes * 1_048_576 {
    let n = Int.random(in: 10...30, using: &rng)
    text += (0..<n).map { _ in String(words.randomElement(using: &rng)!) }.joined(separator: " ")
    text += oneParagraph ? ". " : ".\n\n"
  }
  text += "\n\n## Drill: Check {#check}\n\n### Who owns the problem? {#owner}\n\n- [x] You\n- [ ] Nobody\n"
  try text.write(to: course.appendingPathComponent("01-long.md"), atomically: true, encoding: .utf8)
  return folder.path
}

/// The journeys-like course with a reflection first.
func reflectionCourse() throws -> String {
  let folder = work.appendingPathComponent("reflect")
  let course = folder.appendingPathComponent("r")
  try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
  try "---\nid: r\ntitle: Reflect\n---\n\n# Reflect\n\nIntro.\n\n1. [One](01.md)\n".write(
    to: course.appendingPathComponent("course.md"), atomically: true, encoding: .utf8)
  try
    "# One\n\n## Beliefs: Think {#think}\n\n### Reflect: Write about a time you were served well {#story}\n\n### Agree: I like it {#like}\n"
    .write(to: course.appendingPathComponent("01.md"), atomically: true, encoding: .utf8)
  return folder.path
}

// MARK: - Running

/// Runs coach with `input` on standard input; seconds and peak memory (MB).
func measure(_ arguments: [String], input: Data = Data()) throws -> (seconds: Double, megabytes: Double) {
  let inputFile = work.appendingPathComponent("input-\(UUID().uuidString)")
  try input.write(to: inputFile)
  defer { try? FileManager.default.removeItem(at: inputFile) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, inputFile.path, O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv = ([coach] + arguments).map { strdup($0) } + [nil]
  defer { for p in argv { free(p) } }
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  guard posix_spawn(&pid, coach, &actions, nil, argv, environ) == 0 else {
    throw NSError(domain: "LearnBench", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot run \(coach)"])
  }
  var status: Int32 = 0
  var usage = rusage()
  _ = wait4(pid, &status, 0, &usage)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  return (seconds, Double(usage.ru_maxrss) / 1024)
}

func store() -> String { work.appendingPathComponent("store-\(UUID().uuidString).sqlite").path }

func learnArguments(_ courses: String, _ store: String) -> [String] {
  [
    "learn", "--courses", courses, "--store", store, "--employee", "bench", "--name", "Bench Mark", "--seed",
    "1",
  ]
}

func row(_ name: String, _ seconds: Double, _ megabytes: Double? = nil) -> String {
  name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%9.3f s", seconds)
    + (megabytes.map { String(format: "%9.1f MB", $0) } ?? "")
}

setvbuf(stdout, nil, _IOLBF, 0)
print("Learn benchmark (release coach at \(coach))")
print("")

// MARK: - 50 MB lessons in pipe mode

let many = try bigCourse("many", megabytes: 50, oneParagraph: false)
let one = try bigCourse("one", megabytes: 50, oneParagraph: true)
for (name, courses) in [("50 MB lesson, 400,000 paragraphs", many), ("50 MB lesson, one paragraph", one)] {
  let check = try measure(["check", courses])
  let learn = try measure(learnArguments(courses, store()))
  print(row("\(name): coach check (parse, baseline)", check.seconds, check.megabytes))
  print(row("\(name): coach learn, pipe mode", learn.seconds, learn.megabytes))
  print(
    String(
      format: "  learn / check = %.2fx time, %.2fx memory (goal: the lesson costs little beyond parsing it)",
      learn.seconds / check.seconds, learn.megabytes / check.megabytes))
}
print("")

// MARK: - A 200,000-line reflection in pipe mode

let reflect = try reflectionCourse()
let lines = (0..<200_000).map { "Line \($0) of a reflection pasted from somewhere else." }.joined(
  separator: "\n")
let small = try measure(learnArguments(reflect, store()), input: Data("One line.\n\nn\n".utf8))
let pasted = try measure(learnArguments(reflect, store()), input: Data((lines + "\n\n\nn\n").utf8))
print(row("reflection of 1 line, pipe mode (baseline)", small.seconds, small.megabytes))
print(row("reflection of 200,000 lines (10 MB), pipe mode", pasted.seconds, pasted.megabytes))
print(String(format: "  the 200,000 lines cost %.3f s beyond the baseline", pasted.seconds - small.seconds))
print("")

// MARK: - On a terminal (tmux)

let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// A tmux server of its own running one command.
final class Pane {
  let name = "learn-bench-\(UUID().uuidString.prefix(8))"
  let tmux: String
  init(_ tmux: String, _ command: String) {
    self.tmux = tmux
    run(["new-session", "-d", "-s", name, "-x", "80", "-y", "24", command])
  }
  deinit { run(["kill-server"]) }

  /// Runs tmux with posix_spawn, every descriptor past standard error closed and no
  /// signal blocked in the child: a server that `new-session` starts must not keep a
  /// descriptor of this process open (Foundation's `Process` waits for one to close).
  @discardableResult
  func run(_ arguments: [String]) -> String {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var ends: [Int32] = [-1, -1]
    _ = pipe(&ends)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    if let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") {
      _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var signals = sigset_t()
    sigemptyset(&signals)
    posix_spawnattr_setsigmask(&attributes, &signals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    environment["TERM"] = "xterm-256color"
    let argv = ([tmux, "-L", name, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, tmux, &actions, &attributes, argv, envp) == 0 else { return "" }
    close(ends[1])
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(ends[0], &buffer, buffer.count)
      if count <= 0 { break }
      output += buffer[0..<count]
    }
    close(ends[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self)
  }

  func screen() -> String { run(["capture-pane", "-p", "-t", name]) }

  /// The screen once two captures 50 ms apart agree (a screen is never taken half drawn).
  func settled() -> String {
    var last = screen()
    for _ in 0..<100 {
      usleep(50_000)
      let now = screen()
      if now == last { return now }
      last = now
    }
    return last
  }
  func keys(_ keys: String...) { run(["send-keys", "-t", name] + keys) }

  /// Seconds until the screen shows `text` (at most `timeout`).
  func time(until text: String, timeout: Double = 120, _ action: () -> Void) -> Double {
    let start = Date()
    action()
    while !screen().contains(text) && Date().timeIntervalSince(start) < timeout { usleep(10_000) }
    return Date().timeIntervalSince(start)
  }

  /// The peak memory of the coach under the pane's shell, in MB.
  func coachPeak() -> Double {
    let shell = run(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let children =
      (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
    for child in children.split(separator: " ") {
      let status = (try? String(contentsOfFile: "/proc/\(child)/status", encoding: .utf8)) ?? ""
      if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
      {
        return kb / 1024
      }
    }
    return 0
  }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

if let tmux {
  func pageTurns(_ courses: String) -> (open: Double, turn: Double, back: Double, peak: Double) {
    let pane = Pane(
      tmux,
      "'\(coach)' learn --courses '\(courses)' --store '\(store())' --employee t --name 'T M'; sleep 600")
    _ = pane.time(until: "? Press Enter") {}
    _ = pane.time(until: "very long lesson") { pane.keys("Enter") }
    _ = pane.time(until: "A very long module") { pane.keys("Enter") }
    let open = pane.time(until: "The long read") { pane.keys("Enter") }
    var turns: [Double] = []
    for _ in 0..<7 {
      let before = pane.settled()
      let start = Date()
      pane.keys("Enter")
      while pane.screen() == before && Date().timeIntervalSince(start) < 120 { usleep(5_000) }
      turns.append(Date().timeIntervalSince(start))
    }
    let before = pane.settled()
    let start = Date()
    pane.keys("b")
    while pane.screen() == before && Date().timeIntervalSince(start) < 120 { usleep(5_000) }
    return (open, median(turns), Date().timeIntervalSince(start), pane.coachPeak())
  }
  let ordinary = try bigCourse("ordinary", megabytes: 0, oneParagraph: false)
  // An ordinary lesson: a few screens' worth (the generator stops at once at 0 MB; add
  // some text by hand).
  let ordinaryLesson = URL(fileURLWithPath: ordinary).appendingPathComponent("big/01-long.md")
  var text = try String(contentsOf: ordinaryLesson, encoding: .utf8)
  text = text.replacingOccurrences(
    of: "## Drill:",
    with: String(
      repeating: "An ordinary paragraph of an ordinary lesson about service and customers.\n\n", count: 60)
      + "## Drill:")
  try text.write(to: ordinaryLesson, atomically: true, encoding: .utf8)
  let base = pageTurns(ordinary)
  print(row("terminal, ordinary lesson: open", base.open, base.peak))
  print(row("terminal, ordinary lesson: page turn (median of 7)", base.turn))
  for (name, courses) in [("50 MB, 400,000 paragraphs", many), ("50 MB, one paragraph", one)] {
    let big = pageTurns(courses)
    print(row("terminal, \(name): open the lesson", big.open, big.peak))
    print(row("terminal, \(name): page turn (median of 7)", big.turn))
    print(row("terminal, \(name): page back", big.back))
    print(String(format: "  page turn / ordinary page turn = %.2fx", big.turn / base.turn))
  }
  // A 200,000-line paste into a reflection, beside a raw reader of the same bytes.
  let file = work.appendingPathComponent("paste.txt")
  try (lines + "\n").write(to: file, atomically: true, encoding: .utf8)
  let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
  let raw = Pane(tmux, "stty raw -echo; head -c \(size) > /dev/null; stty sane; echo DONE; sleep 600")
  usleep(300_000)
  raw.run(["load-buffer", "-b", "p", file.path])
  let rawTime = raw.time(until: "DONE") { raw.run(["paste-buffer", "-d", "-b", "p", "-t", raw.name]) }
  let pane = Pane(
    tmux, "'\(coach)' learn --courses '\(reflect)' --store '\(store())' --employee t --name 'T M'; sleep 600")
  _ = pane.time(until: "? Press Enter") {}
  _ = pane.time(until: "? reflection") {
    pane.keys("Enter")
    usleep(300_000)
    pane.keys("Enter")
    usleep(300_000)
    pane.keys("Enter")
  }
  pane.run(["load-buffer", "-b", "p", file.path])
  let pasteTime = pane.time(until: "over the limit") {
    pane.run(["paste-buffer", "-d", "-b", "p", "-t", pane.name])
    pane.keys("Enter")
  }
  print(row("terminal, 200,000-line paste read by head -c (baseline)", rawTime))
  print(row("terminal, 200,000-line paste into a reflection", pasteTime, pane.coachPeak()))
  print(String(format: "  coach / head -c = %.2fx", pasteTime / rawTime))
} else {
  print("tmux is not installed: the terminal figures are skipped (apt-get install tmux)")
}
