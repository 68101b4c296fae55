import CourseParser
import Foundation

// `make bench` (parser part): generates a 10 MB course with every item kind and times
// `coach check` and `coach check --format json` on it beside the `cmark` command on the
// same files, in the same run, each pinned to one core (`taskset -c 0`) so that coach's
// threads cannot hide its cost. Figures are medians of interleaved runs (the rounds take
// the six orders of the three in turn), and each ratio is the median of the rounds' own
// ratios; the ratios are what counts: plain check within 1.2x of cmark, JSON within 1.5x, peak memory under 2x.

let arguments = CommandLine.arguments
// `ParserBench --load-once DIR`: one load and nothing else, for profilers.
if arguments.count > 2, arguments[1] == "--load-once" {
  let result = CourseLoader.load(paths: [arguments[2]], keepingParseTrees: true)
  print(result.summary)
  exit(0)
}
// `ParserBench --json-once DIR`: one load and its JSON outline on standard output, for
// profilers (what `coach check --format json` does, without the command's start-up).
if arguments.count > 2, arguments[1] == "--json-once" {
  Outline(CourseLoader.load(paths: [arguments[2]], keepingParseTrees: true)).writeJSON { part in
    FileHandle.standardOutput.write(Data(part))
  }
  exit(0)
}
// `ParserBench --generate DIR`: writes the course and stops, for profiling by hand.
if arguments.count > 2, arguments[1] == "--generate" {
  let files = try CourseGenerator(targetBytes: 10 * 1024 * 1024).write(to: URL(fileURLWithPath: arguments[2]))
  print("wrote \(files.count) files to \(arguments[2])")
  exit(0)
}
let coach = arguments.count > 1 ? arguments[1] : "../.build/release/coach"
let runs = 24  // each of the six orders four times
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

let taskset = ["/usr/bin/taskset", "/bin/taskset"].first { FileManager.default.isExecutableFile(atPath: $0) }
if taskset == nil { print("note: taskset not found; the commands run on every core") }

/// Runs a command (pinned to core 0 when `taskset` exists) with its output discarded.
func measure(_ executable: String, _ args: [String]) throws -> Measurement {
  let command = taskset.map { [$0, "-c", "0", executable] + args } ?? [executable] + args
  let measured = try Measurement.run(command)
  guard measured.status == 0 else {
    throw BenchError(
      "\(executable) \(args.joined(separator: " ")) failed (exit \(measured.status)); run it by hand to see why"
    )
  }
  return measured
}

let cmark = "/usr/bin/cmark"
var cmarkRuns: [Measurement] = []
var checkRuns: [Measurement] = []
var jsonRuns: [Measurement] = []
var inProcess: [Double] = []
/// The six orders of the three commands, taken in turn: a command pays for the pages the
/// one before it left (cmark's are 4 KiB, coach's 2 MiB), so each must follow each other
/// as often, which a fixed order or a rotation does not give.
let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
for round in 0..<runs {
  for command in orders[round % orders.count] {
    switch command {
    case 0: cmarkRuns.append(try measure(cmark, files.map(\.path)))
    case 1: checkRuns.append(try measure(coach, ["check", folder.path]))
    default: jsonRuns.append(try measure(coach, ["check", "--format", "json", folder.path]))
    }
  }
  let start = DispatchTime.now().uptimeNanoseconds
  let result = CourseLoader.load(paths: [folder.path])
  inProcess.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  precondition(
    result.courses.count == 1 && result.diagnostics.isEmpty, "the generated course has diagnostics")
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let base = Summary(cmarkRuns)
let check = Summary(checkRuns)
let json = Summary(jsonRuns)
func row(_ name: String, _ summary: Summary) -> String {
  name.padding(toLength: 34, withPad: " ", startingAt: 0)
    + String(
      format: "%8.1f ms %8.1f ms %7.1f MB/s %7.1f MB", summary.wall * 1000, summary.cpu * 1000,
      megabytes / summary.cpu, summary.peakMegabytes)
}
print(
  String(
    format: "Parser benchmark: %.2f MB in %d files, median of %d interleaved runs%@", megabytes, files.count,
    runs,
    taskset == nil ? "" : ", each on one core (taskset -c 0)"))
print("".padding(toLength: 34, withPad: " ", startingAt: 0) + "    wall       CPU        speed   peak RSS")
print(row("cmark command (all files)", base))
print(row("coach check", check))
print(row("coach check --format json", json))
print(String(format: "CourseLoader.load in process:      %8.1f ms (all cores)", median(inProcess) * 1000))

/// A ratio against cmark with its goal.
func verdict(_ name: String, _ ratio: Double, goal: Double) -> String {
  String(format: "%@ %.2fx (goal %.1fx: %@)", name, ratio, goal, ratio <= goal ? "met" : "NOT MET")
}
/// Each round's CPU time against cmark's in the same round: a slow stretch of a shared
/// machine then weighs on both sides of a ratio alike. Their median is the verdict.
func roundRatios(_ measured: [Measurement], to baseline: [Measurement]) -> [Double] {
  zip(measured, baseline).map { $0.cpu / $1.cpu }
}
let checkRatios = roundRatios(checkRuns, to: cmarkRuns)
let jsonRatios = roundRatios(jsonRuns, to: cmarkRuns)
print(
  [
    verdict("check / cmark", median(checkRatios), goal: 1.2),
    verdict("json / cmark", median(jsonRatios), goal: 1.5),
    verdict("peak RSS / cmark", max(check.peakMegabytes, json.peakMegabytes) / base.peakMegabytes, goal: 2.0),
  ].joined(separator: "  |  "))
print(
  String(
    format: "(medians of each round's ratio of CPU time, user + system; rounds ranged check %.2f-%.2fx, "
      + "json %.2f-%.2fx; the medians' ratios are check %.2fx, json %.2fx; by wall time %.2fx, %.2fx)",
    checkRatios.min()!, checkRatios.max()!, jsonRatios.min()!, jsonRatios.max()!, check.cpu / base.cpu,
    json.cpu / base.cpu, check.wall / base.wall, json.wall / base.wall))
