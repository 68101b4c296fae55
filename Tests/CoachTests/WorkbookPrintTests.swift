import Foundation
import Testing

private func executable(_ candidates: [String]) -> String? {
  candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Headless Chromium and poppler's tools, if installed (`make print-deps`).
private let chromium = executable([
  "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
])
private let poppler = ["pdfinfo", "pdftotext", "pdftoppm"].map {
  executable(["/usr/bin/\($0)", "/usr/local/bin/\($0)"])
}

/// Workbooks as a trainer prints them: `coach workbook`, then headless Chromium prints the
/// page to PDF, and poppler (a reader that is not coach) counts its pages, reads its text
/// and draws a page as a picture.
@Suite(
  .serialized, .timeLimit(.minutes(5)),
  .enabled(
    if: chromium != nil && poppler.allSatisfy { $0 != nil },
    "needs chromium and poppler-utils (make print-deps)"))
struct WorkbookPrintTests {
  static let specials = CoachBinary.root.appendingPathComponent("Tests/ExportsTests/Fixtures/specials").path
  static let shipped = CoachBinary.root.appendingPathComponent("courses/legendary-service").path

  /// A printed workbook: the PDF and the text of each of its pages.
  struct Printed {
    var folder: String
    var pdf: String
    var pages: Int
    var pageTexts: [String]
    var text: String { pageTexts.joined(separator: "\n") }
  }

  func tool(_ index: Int) throws -> String { try #require(poppler[index]) }

  func printWorkbook(_ course: String, _ options: [String]) throws -> Printed {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-print-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let html = folder + "/workbook.html"
    let written = try CoachBinary.run(["workbook", course, "-o", html] + options)
    #expect(written.status == 0, "\(written.stderr)")
    let pdf = folder + "/workbook.pdf"
    let printed = try Spawn.run(
      try #require(chromium),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--user-data-dir=\(folder)/profile",
        "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString,
      ], environment: ProcessInfo.processInfo.environment, timeout: 180)
    #expect(printed.status == 0)
    let info = try Spawn.run(
      try tool(0), [pdf], environment: ProcessInfo.processInfo.environment, captureOutput: true)
    let pagesLine = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
    let pages = Int(pagesLine.split(separator: " ").last ?? "") ?? 0
    let text = try Spawn.run(
      try tool(1), [pdf, "-"], environment: ProcessInfo.processInfo.environment, captureOutput: true,
      timeout: 60)
    // pdftotext ends each page with a form feed.
    var pageTexts = text.output.components(separatedBy: "\u{0C}")
    if pageTexts.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
      pageTexts.removeLast()
    }
    return Printed(folder: folder, pdf: pdf, pages: pages, pageTexts: pageTexts)
  }

  /// Text as one line: every run of white space as one space.
  func squeezed(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// Whether a page starts with `Module n of total` and then the module's title (which
  /// may wrap onto a second line).
  func startsModule(_ page: String, _ number: Int, of total: Int, title: String) -> Bool {
    squeezed(page).hasPrefix("MODULE \(number) OF \(total) \(title) ")
  }

  @Test func theLearnerEditionPrintsEachModuleOnItsOwnPagesWithoutAnswers() throws {
    let printed = try printWorkbook(Self.specials, [])
    #expect(printed.pages >= 3)
    #expect(printed.pageTexts.count == printed.pages)
    #expect(printed.pageTexts[0].contains("LEARNER WORKBOOK"))
    #expect(printed.pageTexts[0].contains("Specials & Co"))
    #expect(printed.pageTexts[0].contains("page 1 of \(printed.pages)"))
    for (number, title) in ["Every kind / all at once", "For managers"].enumerated() {
      #expect(printed.pageTexts.contains { startsModule($0, number + 1, of: 2, title: title) }, "\(title)")
    }
    let text = squeezed(printed.text)
    for seen in [
      "Which sign means \"equal to\" in 1 + 1 = 2?", "The ~ tilde", "CREED-CLOSING", "Strongly disagree",
    ] {
      #expect(text.contains(seen), "\(seen)")
    }
    for secret in WorkbookSecrets.specials {
      #expect(!text.contains(secret), "the learner edition shows \(secret)")
    }
    try expectPageImage(printed, page: 2)
  }

  @Test func theFacilitatorEditionPrintsAnswersAndNotes() throws {
    let printed = try printWorkbook(Self.specials, ["--edition", "facilitator"])
    let text = squeezed(printed.text)
    #expect(printed.pageTexts[0].contains("FACILITATOR EDITION"))
    for secret in WorkbookSecrets.specials {
      #expect(text.contains(secret), "the facilitator edition lacks \(secret)")
    }
    let labels = printed.text.split(separator: "\n").filter {
      $0.trimmingCharacters(in: .whitespaces) == "FACILITATOR NOTE"
    }
    #expect(labels.count == 5)
  }

  @Test(arguments: [
    ("learner", "frontline"), ("learner", "manager"), ("facilitator", "frontline"),
    ("facilitator", "manager"),
  ])
  func theShippedCoursePrints(_ edition: String, _ role: String) throws {
    let outline = try PrintOutline.load(Self.shipped)
    let modules = try #require(outline.courses.first).modules.filter {
      $0.audience.isEmpty || $0.audience.contains(role)
    }
    let printed = try printWorkbook(Self.shipped, ["--edition", edition, "--role", role])
    #expect(printed.pages > modules.count)
    for (number, module) in modules.enumerated() {
      #expect(
        printed.pageTexts.contains { startsModule($0, number + 1, of: modules.count, title: module.title) },
        "module \(module.title) does not start a page")
    }
    let text = squeezed(printed.text)
    let secrets = modules.flatMap(\.secrets)
    #expect(secrets.count > 100)
    for secret in secrets {
      let shown = text.contains(squeezed(secret))
      #expect(
        shown == (edition == "facilitator"), "\(edition) edition, \(shown ? "shown" : "missing"): \(secret)")
    }
    if edition == "learner" { try expectPageImage(printed, page: 3) }
  }

  /// Draws `page` as a PNG and checks it is a page-shaped picture with ink on it.
  func expectPageImage(_ printed: Printed, page: Int) throws {
    let environment = ProcessInfo.processInfo.environment
    let png = printed.folder + "/page"
    let drawn = try Spawn.run(
      try tool(2), ["-f", "\(page)", "-l", "\(page)", "-r", "50", "-singlefile", "-png", printed.pdf, png],
      environment: environment, timeout: 60)
    #expect(drawn.status == 0)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png + ".png")))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
    let number = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    let (width, height) = (number(16), number(20))
    let ratio = Double(height) / Double(max(width, 1))
    #expect((1.25...1.45).contains(ratio), "a page of \(width) x \(height) is neither Letter nor A4")
    // The same page in grey (a PGM file: a short header, then one byte a pixel) has ink on it.
    let grey = printed.folder + "/grey"
    _ = try Spawn.run(
      try tool(2), ["-f", "\(page)", "-l", "\(page)", "-r", "50", "-singlefile", "-gray", printed.pdf, grey],
      environment: environment, timeout: 60)
    let pixels = [UInt8](try Data(contentsOf: URL(fileURLWithPath: grey + ".pgm")))
    let dark = pixels.suffix(width * height).filter { $0 < 128 }.count
    #expect(Double(dark) / Double(width * height) > 0.005, "page \(page) is blank")
  }
}

/// What only the facilitator edition may show, as printed text.
enum WorkbookSecrets {
  static let specials = [
    "FEEDBACK-TILDE", "FEEDBACK-EQUALS", "FEEDBACK-FOUR", "FEEDBACK-MANAGER", "HINT-SIGNS",
    "EXPLANATION-SIGNS",
    "EXPLANATION-MATCH", "COURSE-NOTE", "MODULE-NOTE", "LESSON-NOTE", "DRILL-NOTE", "BELIEF-NOTE",
    "ACCEPTED ANSWERS", "RIGHT ORDER", "RIGHT PAIRS", "the hash sign",
  ]
}

/// The parts of `coach check --format json` that say what only a facilitator may see.
struct PrintOutline: Decodable {
  struct Course: Decodable {
    var modules: [Module]
  }
  struct Module: Decodable {
    var title: String
    var audience: [String]
    var sections: [Section]

    /// Feedback, hints, explanations and facilitator notes of the module's sections.
    var secrets: [String] {
      sections.flatMap { section in
        (section.facilitator ?? [])
          + section.items.flatMap { ($0.feedback ?? []) + ($0.hints ?? []) + [$0.explanation ?? ""] }
      }.filter { !$0.isEmpty }
    }
  }
  struct Section: Decodable {
    var facilitator: [String]?
    var items: [Item]
  }
  struct Item: Decodable {
    var feedback: [String]?
    var hints: [String]?
    var explanation: String?
  }
  var courses: [Course]

  static func load(_ path: String) throws -> PrintOutline {
    let result = try CoachBinary.run(["check", "--format", "json", path])
    return try JSONDecoder().decode(PrintOutline.self, from: Data(result.stdout.utf8))
  }
}
