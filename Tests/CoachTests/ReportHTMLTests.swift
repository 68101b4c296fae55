import Foundation
import Testing

private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// Each report's HTML page opened in headless Chromium (a renderer that is not coach):
/// a screenshot of the size asked for, the text of a known row in the page Chromium
/// built, and no console message at all. The pages hold no script, so any console
/// message is an error: a load the page's Content-Security-Policy refused, say.
/// Chromium prints console messages on standard error with `--enable-logging=stderr
/// --v=0` as `...:CONSOLE...] "message"`; a probe page with a script that logs an
/// error shows the check can see one.
@Suite(
  .serialized, .timeLimit(.minutes(5)),
  .enabled(if: chromium != nil, "needs chromium (make print-deps)"))
struct ReportHTMLTests {
  struct Rendered {
    var dom: String
    var consoleLines: [String]
    var width: Int
    var height: Int
  }

  func render(_ html: String, name: String) async throws -> Rendered {
    let folder = NSTemporaryDirectory() + "coach-html-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let file = folder + "/\(name).html"
    try html.write(toFile: file, atomically: true, encoding: .utf8)
    let url = URL(fileURLWithPath: file).absoluteString
    let common = [
      "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder)/profile",
      "--enable-logging=stderr",
      "--v=0",
    ]
    let png = folder + "/\(name).png"
    let shot = try await Self.run(common + ["--window-size=1100,1400", "--screenshot=\(png)", url])
    let dom = try await Self.run(common + ["--dump-dom", url])
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
    let number = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    let console = (shot.errors + dom.errors).split(separator: "\n").map(String.init).filter {
      $0.contains(":CONSOLE")
    }
    return Rendered(dom: dom.output, consoleLines: console, width: number(16), height: number(20))
  }

  static func run(_ arguments: [String]) async throws -> (output: String, errors: String) {
    try await offThePool {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: chromium!)
      process.arguments = arguments
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let output = Reader(out.fileHandleForReading)
      let errors = Reader(err.fileHandleForReading)
      process.waitUntilExit()
      return (output.finish(), errors.finish())
    }
  }

  func page(_ report: String) async throws -> String {
    let store = try await ReportCommandTests.filled()
    let result = try await CoachBinary.running([
      "report", report, "--course", "tiny", "--courses", ReportCommandTests.courses, "--store", store,
      "--format",
      "html",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("<script"), "no script")
    #expect(!result.stdout.contains("src=\"http"), "nothing loaded")
    return result.stdout
  }

  @Test func theProbeShowsTheConsoleCheckWorks() async throws {
    let probe = try await render(
      "<html><body><script>console.error('coach-probe')</script></body></html>", name: "probe")
    #expect(probe.consoleLines.contains { $0.contains("coach-probe") })
  }

  @Test(arguments: [
    ("cohort", ["Ada One", "Completion funnel", "Pass rate per drill", "passed at 80% on"]),
    (
      "items",
      [
        "Questions ranked by difficulty", "What comes first when a customer walks in?",
        "Finish your task (2)",
      ]
    ),
    ("beliefs", ["Before and after", "Greeting people well is part of my job", "Mean shift +1.00 points"]),
  ])
  func theReportRendersInChromium(_ report: String, _ texts: [String]) async throws {
    let rendered = try await render(try await page(report), name: report)
    #expect(rendered.width == 1100 && rendered.height == 1400, "\(rendered.width) x \(rendered.height)")
    for text in texts { #expect(rendered.dom.contains(text), "\(report): \(text)") }
    #expect(rendered.dom.contains("<svg"), "charts drawn")
    #expect(rendered.consoleLines.isEmpty, "\(rendered.consoleLines)")
  }
}
