import Foundation
import Testing

private func installed(_ candidates: [String]) -> String? {
  candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Headless Chromium, poppler's tools and Python (its HTML parser), if installed.
private let chromiumPath = installed([
  "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
])
private let popplerPaths = ["pdfinfo", "pdftotext", "pdftoppm"].map {
  installed(["/usr/bin/\($0)", "/usr/local/bin/\($0)"])
}
private let python = installed(["/usr/bin/python3", "/usr/local/bin/python3"])

/// `coach certificate` for an employee who took a course in pipe mode: the certificate is
/// printed by headless Chromium (to PDF, and drawn to PNG), and poppler, a reader that is
/// not coach, counts its pages and reads its text; Python's HTML parser lists every
/// address the page could load.
@Suite(
  .serialized, .timeLimit(.minutes(5)),
  .enabled(
    if: chromiumPath != nil && popplerPaths.allSatisfy { $0 != nil } && python != nil,
    "needs chromium, poppler-utils (make print-deps) and python3"))
struct CertificatePrintTests {
  static let journeys = CoachBinary.fixture("journeys")
  /// Dates are written in the machine's time zone: UTC here, so the day is known.
  static let utc = ["TZ": "UTC"]

  /// A printed certificate: its HTML, the PDF's page count and its text.
  struct Printed {
    var folder: String
    var html: String
    var pdf: String
    var pages: Int
    var text: String
    var squeezed: String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
  }

  /// Takes `course` in pipe mode as `employee`, to its end; a distinctive reflection and
  /// creed note are written on the way.
  func take(
    _ courses: String, store: String, employee: String = "c1", name: String = "Sam Lee", sign: Bool = true,
    role: String = "frontline", misses: [String: Int] = [:]
  ) throws -> [String] {
    let learner = try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", employee, "--name", name, "--role",
        role, "--seed", "5",
      ], outline: try Outline.load(courses), misses: misses, name: sign ? name : "")
    learner.answerer.reflection = ["PRIVATE-REFLECTION-4417 about my manager."]
    #expect(learner.runToEnd().status == 0)
    return learner.transcript
  }

  func certificate(
    _ courses: String, store: String, employee: String = "c1", course: String = "checkin", file: String
  ) throws -> CoachBinary.Result {
    try CoachBinary.run(
      [
        "certificate", "--employee", employee, "--course", course, "--store", store, "--courses", courses,
        "-o", file,
      ],
      // The passphrase, asked once the store holds more than one employee.
      input: "\(CoachBinary.passphrase)\n", environment: Self.utc)
  }

  /// Prints `html` with headless Chromium; `paper` adds a page size rule first (Chromium
  /// prints on Letter paper without one).
  func print(_ html: String, folder: String, paper: String? = nil) throws -> Printed {
    var source = html
    if let paper {
      let page = try String(contentsOfFile: html, encoding: .utf8).replacingOccurrences(
        of: "</head>", with: "<style>@page { size: \(paper); }</style>\n</head>")
      source = folder + "/certificate-\(paper).html"
      try page.write(toFile: source, atomically: true, encoding: .utf8)
    }
    let pdf = source + ".pdf"
    let environment = ProcessInfo.processInfo.environment
    let printed = try Spawn.run(
      try #require(chromiumPath),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--user-data-dir=\(folder)/profile", "--print-to-pdf=\(pdf)",
        URL(fileURLWithPath: source).absoluteString,
      ], environment: environment, timeout: 180)
    #expect(printed.status == 0)
    let info = try Spawn.run(
      try #require(popplerPaths[0]), [pdf], environment: environment, captureOutput: true)
    let pagesLine = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
    let text = try Spawn.run(
      try #require(popplerPaths[1]), [pdf, "-"], environment: environment, captureOutput: true, timeout: 60)
    return Printed(
      folder: folder, html: try String(contentsOfFile: source, encoding: .utf8), pdf: pdf,
      pages: Int(pagesLine.split(separator: " ").last ?? "") ?? 0, text: text.output)
  }

  static func folder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-certificate-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func aCompletedCourseGivesACertificateOnOnePageOfA4AndLetter() throws {
    let store = CoachBinary.temporaryStore()
    let transcript = try take(Self.journeys, store: store, misses: ["first": 1, "order": 1])
    // The end of the course says how to print it; that command, as printed, writes it.
    let told =
      "To print your certificate of completion: coach certificate --employee c1 --course checkin -o "
      + "certificate.html"
    #expect(transcript.contains(told))
    let folder = try Self.folder()
    let file = folder + "/certificate.html"
    let written = try CoachBinary.run(
      Array(told.split(separator: " ").dropFirst(7).map(String.init).dropLast())
        + [file, "--store", store, "--courses", Self.journeys], environment: Self.utc)
    #expect(written.status == 0, "\(written.stderr)")
    #expect(written.stderr.contains("certificate of Sam Lee (c1) for Check-in written to \(file)"))
    let today = Self.today()
    for paper in [nil, "A4", "letter"] {
      let printed = try print(file, folder: folder, paper: paper)
      #expect(printed.pages == 1, "\(paper ?? "default") paper: \(printed.pages) pages")
      let text = printed.squeezed
      for shown in [
        "CERTIFICATE OF COMPLETION", "This certifies that Sam Lee completed the course Check-in",
        "on \(today)",
        "Modules 3 of 3 completed for the frontline role", "Drills passed 1 of 1",
        "Module 1: Quick check 100%",
      ] {
        #expect(text.contains(shown), "\(paper ?? "default"): \(shown) in \(text)")
      }
      #expect(text.contains("“Our promise”: version") && text.contains("signed on \(today)"))
      for secret in ["PRIVATE-REFLECTION-4417", "It means listening first."] {
        #expect(!text.contains(secret) && !printed.html.contains(secret), "\(secret)")
      }
    }
    // Its HTML loads nothing: no address in any attribute, no url() or @import in its CSS.
    let html = try String(contentsOfFile: file, encoding: .utf8)
    try expectNothingLoaded(html)
    try expectImages(file, folder: folder)
  }

  @Test(arguments: ["frontline", "manager"])
  func theShippedCoursesCertificateFitsOnePage(role: String) throws {
    let courses = CoachBinary.root.appendingPathComponent("courses").path
    let outline = try Outline.load(courses)
    let store = CoachBinary.temporaryStore()
    _ = try take(courses, store: store, name: "Dana Reyes", role: role)
    let folder = try Self.folder()
    let file = folder + "/certificate.html"
    let written = try certificate(courses, store: store, course: "legendary-service", file: file)
    #expect(written.status == 0, "\(written.stderr)")
    for paper in ["A4", "letter"] {
      let printed = try print(file, folder: folder, paper: paper)
      #expect(printed.pages == 1, "\(role) on \(paper): \(printed.pages) pages")
      #expect(
        printed.squeezed.contains("This certifies that Dana Reyes completed the course Legendary Service"))
      #expect(printed.squeezed.contains("for the \(role) role"))
      #expect(printed.squeezed.contains("“Our service creed”: version"), "\(printed.squeezed)")
      #expect(!printed.squeezed.contains("PRIVATE-REFLECTION-4417"))
    }
    #expect(outline.drillItems.count > 40, "the shipped course has many questions")
  }

  @Test func anUnsignedCreedSaysNotSigned() throws {
    let store = CoachBinary.temporaryStore()
    _ = try take(Self.journeys, store: store, sign: false)
    let folder = try Self.folder()
    let file = folder + "/certificate.html"
    #expect(try certificate(Self.journeys, store: store, file: file).status == 0)
    let printed = try print(file, folder: folder)
    #expect(printed.pages == 1)
    #expect(printed.squeezed.contains("Creed “Our promise”: not signed"), "\(printed.squeezed)")
  }

  /// A long name, a long title and many drills still print on one sheet: past 14 drills
  /// they are listed in two columns, past 40 counted, not listed.
  @Test(arguments: [14, 15, 40, 41])
  func manyDrillsALongNameAndALongTitleStayOnOnePage(drills: Int) throws {
    let root = try Self.folder()
    let course = root + "/many"
    try FileManager.default.createDirectory(atPath: course, withIntermediateDirectories: true)
    let title = String(repeating: "Customer service excellence and listening ", count: 5)
      .trimmingCharacters(in: .whitespaces)
    var contents = "---\nid: many\ntitle: \(title)\npass: 100\n---\n\n# Many\n\nMany drills.\n\n"
    for n in 1...drills {
      contents += "\(n). [Module \(n)](m\(n).md)\n"
      let module = """
        # Handling the \(n)th kind of customer request with care and attention to detail

        ## Lesson: Read {#read-\(n)}

        Short.

        ## Drill: Checking what you learned about request number \(n) {#drill-\(n)}

        ### What word do we say first? {#word-\(n)}

        Answer: hello

        """
      try module.write(toFile: course + "/m\(n).md", atomically: true, encoding: .utf8)
    }
    try contents.write(toFile: course + "/course.md", atomically: true, encoding: .utf8)
    let name = String(repeating: "Maximiliana-Josefina ", count: 8) + "de la Cruz-Oyelaran"
    #expect(name.count <= 200)
    let store = CoachBinary.temporaryStore()
    _ = try take(root, store: store, name: name)
    let file = root + "/certificate.html"
    let written = try certificate(root, store: store, course: "many", file: file)
    #expect(written.status == 0, "\(written.stderr)")
    for paper in ["A4", "letter"] {
      let printed = try print(file, folder: root, paper: paper)
      #expect(printed.pages == 1, "\(drills) drills on \(paper): \(printed.pages) pages")
      #expect(printed.squeezed.contains("de la Cruz-Oyelaran"))
      #expect(printed.squeezed.contains("Drills passed \(drills) of \(drills)"))
      let listed = printed.squeezed.contains("Module \(drills): Checking what you")
      #expect(listed == (drills <= 40), "\(drills) drills listed: \(listed)")
      let counted = printed.squeezed.contains("The \(drills) drills passed are listed in coach progress.")
      #expect(counted == (drills > 40))
    }
  }

  @Test func noCertificateBeforeTheCourseIsCompleteOrForSomeoneUnknown() throws {
    let store = CoachBinary.temporaryStore()
    // Half a course: the learner stops at the first question.
    let learner = try PipeLearner(
      [
        "learn", "--courses", Self.journeys, "--store", store, "--employee", "half", "--name", "Ana Half",
        "--role", "frontline",
      ], outline: try Outline.load(Self.journeys))
    var prompts = 0
    while let prompt = learner.nextPrompt(), !prompt.hasPrefix("? answer") {
      for line in learner.answer(prompt) { learner.send(line) }
      prompts += 1
    }
    learner.closeInput()
    _ = learner.runToEnd()
    #expect(prompts > 0)
    let folder = try Self.folder()
    let file = folder + "/certificate.html"
    let half = try certificate(Self.journeys, store: store, employee: "half", file: file)
    #expect(half.status == 1)
    #expect(
      half.stderr.contains(
        "coach: Ana Half (half) has not completed Check-in (checkin): 0 of 3 modules finished"))
    #expect(half.stderr.contains("coach progress --employee half"))
    let nobody = try certificate(Self.journeys, store: store, employee: "nobody", file: file)
    #expect(nobody.status == 1)
    #expect(nobody.stderr == "coach: no employee 'nobody' in the progress store at \(store)\n")
    let other = try certificate(Self.journeys, store: store, employee: "half", course: "other", file: file)
    #expect(other.status == 1)
    #expect(other.stderr.contains("has not started the course 'other'"))
    let missing = try certificate(Self.journeys, store: folder + "/none.sqlite", file: file)
    #expect(missing.status == 1 && missing.stderr.contains("no progress store at \(folder)/none.sqlite"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"), "nothing is created")
    let unnamed = try CoachBinary.run(["certificate", "--course", "checkin", "--store", store, "-o", file])
    #expect(unnamed.status == 64 && unnamed.stderr.contains("missing --employee ID"))
    #expect(!FileManager.default.fileExists(atPath: file), "no file is written when there is no certificate")
  }

  static func today() -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.day, .month, .year], from: Date())
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!)"
  }

  /// Python's HTML parser lists every tag and attribute: none may name anything to load
  /// (src, href, srcset, action, data, poster, a link or a script), and the CSS holds no
  /// url() or @import. The Content-Security-Policy forbids every load besides.
  func expectNothingLoaded(_ html: String) throws {
    #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'"))
    let lower = html.lowercased()
    for banned in ["url(", "@import", "<script", "<link", "<img", "<iframe", "<object", "<embed"] {
      #expect(!lower.contains(banned), "\(banned)")
    }
    let python = try #require(python)
    // (No line starts with "import": scripts/check-layers reads those as Swift imports.)
    let script = """
      from sys import argv
      from html.parser import HTMLParser
      class P(HTMLParser):
          def handle_starttag(self, tag, attrs):
              print(tag, ' '.join(name for name, _ in attrs))
      P().feed(open(argv[1]).read())
      """
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "coach-\(UUID().uuidString).html")
    try html.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try Spawn.run(
      python,
      [
        "-c", script.replacingOccurrences(of: "sys.stdin.read()", with: "open(sys.argv[1]).read()"),
        file.path,
      ],
      environment: ProcessInfo.processInfo.environment, captureOutput: true)
    #expect(result.status == 0)
    let tags = result.output.split(separator: "\n").map(String.init)
    #expect(tags.contains { $0.hasPrefix("main") } && tags.contains { $0.hasPrefix("h1") })
    for line in tags {
      let parts = line.split(separator: " ").map(String.init)
      #expect(!["script", "link", "img", "iframe", "object", "embed", "base"].contains(parts[0]), "\(line)")
      for attribute in parts.dropFirst() {
        #expect(
          !["src", "href", "srcset", "action", "data", "poster", "background"].contains(attribute), "\(line)")
      }
    }
  }

  /// Chromium draws the page as a PNG, and poppler draws the PDF's page: both page-shaped,
  /// the PDF's with ink on it.
  func expectImages(_ html: String, folder: String) throws {
    let environment = ProcessInfo.processInfo.environment
    let shot = folder + "/certificate.png"
    let drawn = try Spawn.run(
      try #require(chromiumPath),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--user-data-dir=\(folder)/profile",
        "--window-size=794,1123", "--screenshot=\(shot)", URL(fileURLWithPath: html).absoluteString,
      ], environment: environment, timeout: 180)
    #expect(drawn.status == 0)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: shot)))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
    let number = { (at: Int) in bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    #expect(number(16) == 794 && number(20) == 1123, "\(number(16)) x \(number(20))")
    let printed = try print(html, folder: folder)
    let grey = folder + "/grey"
    _ = try Spawn.run(
      try #require(popplerPaths[2]), ["-r", "50", "-singlefile", "-gray", printed.pdf, grey],
      environment: environment, timeout: 60)
    let pixels = [UInt8](try Data(contentsOf: URL(fileURLWithPath: grey + ".pgm")))
    // A PGM file: "P5\n<width> <height>\n255\n", then a byte a pixel.
    let header = String(decoding: pixels.prefix(20), as: UTF8.self).split(whereSeparator: \.isWhitespace)
    let (width, height) = (Int(header[1]) ?? 0, Int(header[2]) ?? 0)
    #expect((1.25...1.45).contains(Double(height) / Double(max(width, 1))), "\(width) x \(height)")
    let dark = pixels.suffix(width * height).filter { $0 < 128 }.count
    #expect(Double(dark) / Double(max(width * height, 1)) > 0.005, "the page is blank")
  }
}
