import CourseParser
import Foundation

// `make bench` (parser part): generates a 10 MB course with every item kind and times
// `coach check` on it beside the `cmark` command on the same bytes, in the same run.

let arguments = CommandLine.arguments
// `ParserBench --load-once DIR`: one load and nothing else, for profilers.
if arguments.count > 2, arguments[1] == "--load-once" {
  let result = CourseLoader.load(paths: [arguments[2]])
  print(result.summary)
  exit(0)
}
let coach = arguments.count > 1 ? arguments[1] : "../.build/release/coach"
let runs = 9
let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("coach-bench-course")
try? FileManager.default.removeItem(at: folder)
let files = try CourseGenerator(targetBytes: 10 * 1024 * 1024).write(to: folder)
defer {
  if ProcessInfo.processInfo.environment["KEEP_COURSE"] == nil {
    try? FileManager.default.removeItem(at: folder)
  }
}
let bytes = try files.reduce(0) { $0 + (try Data(contentsOf: $1).count) }
let megabytes = Double(bytes) / 1_048_576

/// Runs a command with its output discarded; returns seconds and exit status.
func timeCommand(_ executable: String, _ args: [String]) throws -> (Double, Int32) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = args
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  let start = DispatchTime.now().uptimeNanoseconds
  try process.run()
  process.waitUntilExit()
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, process.terminationStatus)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let cmark = "/usr/bin/cmark"
var coachTimes: [Double] = []
var cmarkTimes: [Double] = []
var inProcess: [Double] = []
for _ in 0..<runs {
  let (c, status) = try timeCommand(coach, ["check", folder.path])
  guard status == 0 else {
    print(
      "coach check failed on the generated course (exit \(status)); run it by hand: \(coach) check \(folder.path)"
    )
    exit(1)
  }
  coachTimes.append(c)
  cmarkTimes.append(try timeCommand(cmark, files.map(\.path)).0)
  let start = DispatchTime.now().uptimeNanoseconds
  let result = CourseLoader.load(paths: [folder.path])
  inProcess.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  precondition(result.courses.count == 1 && !result.diagnostics.contains { $0.severity == .error })
}

let ratio = median(coachTimes) / median(cmarkTimes)
func row(_ name: String, _ seconds: Double) -> String {
  name.padding(toLength: 42, withPad: " ", startingAt: 0)
    + String(format: "%8.1f ms %9.1f MB/s", seconds * 1000, megabytes / seconds)
}
print(
  String(format: "Parser benchmark: %.2f MB in %d files, median of %d runs", megabytes, files.count, runs))
print(row("cmark command (all files, one process)", median(cmarkTimes)))
print(row("coach check (release, one process)", median(coachTimes)))
print(row("CourseLoader.load in process", median(inProcess)))
print(
  String(
    format: "coach check / cmark = %.2fx (limit 1.5x, goal 1.2x): %@", ratio,
    ratio <= 1.5 ? "within limit" : "OVER LIMIT"))
