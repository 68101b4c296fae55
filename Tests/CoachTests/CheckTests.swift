import CAllocator
import CourseModel
import Foundation
import Testing

@testable import coach

/// `coach check`: its printer (tested directly: a terminal is hard to fake) and its
/// piped output, exit codes and JSON through the built binary.
@Suite("coach check")
struct CheckTests {
  static let location = SourceLocation(file: "m.md", line: 12, column: 5)

  static func diagnostic(_ severity: Diagnostic.Severity = .error) -> Diagnostic {
    Diagnostic(
      severity, location, "'Drill' has no colon after it", end: location.movedRight(by: 5),
      fix: "## Drill: X",
      related: [
        Diagnostic.Related(SourceLocation(file: "m.md", line: 14, column: 3), "shown to learners as text")
      ])
  }

  #if os(Linux)
    /// The dynamic loader's report of where each symbol of each library was bound, for
    /// one run of `coach check --help`; symbols are bound when first called.
    static func bindings(_ environment: [String: String] = [:]) throws -> [Substring] {
      let run = try CoachBinary.run(
        ["check", "--help"], environment: environment.merging(["LD_DEBUG": "bindings"]) { $1 })
      #expect(run.status == 0)
      return run.stderr.split(separator: "\n").filter { $0.contains("binding file") }
    }

    @Test("The binary's malloc and free, the Swift runtime's included, are mimalloc's")
    func theBinaryAllocatesWithMimalloc() throws {
      let runtime = try Self.bindings().filter { $0.contains("libswiftCore.so") }
      for name in ["malloc", "free"] {
        let bindings = runtime.filter { $0.hasSuffix("normal symbol `\(name)' [GLIBC_2.2.5]") }
        #expect(!bindings.isEmpty, "no binding of \(name) was reported")
        #expect(bindings.allSatisfy { $0.contains("libmimalloc.so") }, "\(bindings)")
      }
    }

    @Test("The binary asks mimalloc for 2 MiB pages, unless MIMALLOC_LARGE_OS_PAGES says otherwise")
    func theBinaryAsksForLargePages() throws {
      // The binding is the call.
      func asks(_ environment: [String: String]) throws -> Bool {
        try Self.bindings(environment).contains {
          $0.contains("/coach [0] to ") && $0.contains("libmimalloc.so")
            && $0.hasSuffix("normal symbol `mi_option_enable'")
        }
      }
      #expect(try asks([:]))
      #expect(try !asks(["MIMALLOC_LARGE_OS_PAGES": "0"]))
    }

    @Test("Memory of a process that links the allocator target is marked for huge pages")
    func largePagesInProcess() throws {
      // This test process links CAllocator too (through the coach target), so its
      // constructor ran here: memory asked for after it is in segments marked MADV_HUGEPAGE.
      #expect(coach_allocator_uses_large_pages() == 1)
      let size = 96 << 20
      let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
      defer { block.deallocate() }
      block.initializeMemory(as: UInt8.self, repeating: 1, count: size)
      let smaps = try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8)
      let marked = smaps.split(separator: "\n").contains {
        $0.hasPrefix("VmFlags:") && $0.split(separator: " ").contains("hg")
      }
      // The kernel can mark memory so only when it has transparent huge pages at all.
      let kernelHasThem = FileManager.default.fileExists(
        atPath: "/sys/kernel/mm/transparent_hugepage/enabled")
      #expect(marked == kernelHasThem, "VmFlags 'hg' found: \(marked); THP in this kernel: \(kernelHasThem)")
    }
  #endif

  @Test("Colour on a terminal: NO_COLOR with a value turns it off, NO_COLOR empty does not (no-color.org)")
  func noColor() throws {
    var primary: Int32 = -1
    var secondary: Int32 = -1
    #expect(openpty(&primary, &secondary, nil, nil, nil) == 0)
    defer {
      close(primary)
      close(secondary)
    }
    #expect(OutputStyle.usesColor(fileDescriptor: secondary, environment: ["TERM": "xterm"]))
    #expect(OutputStyle.usesColor(fileDescriptor: secondary, environment: ["TERM": "xterm", "NO_COLOR": ""]))
    #expect(
      !OutputStyle.usesColor(fileDescriptor: secondary, environment: ["TERM": "xterm", "NO_COLOR": "1"]))
    #expect(!OutputStyle.usesColor(fileDescriptor: secondary, environment: ["TERM": "dumb"]))
    let pipe = Pipe()
    #expect(
      !OutputStyle.usesColor(fileDescriptor: pipe.fileHandleForWriting.fileDescriptor, environment: [:]))
  }

  @Test("Piped, a diagnostic is one line and its notes follow in the same form")
  func plainForm() {
    let printer = DiagnosticPrinter(rich: false, sourceLine: { _ in "never read" })
    #expect(
      printer.render(Self.diagnostic())
        == "m.md:12:5: error: 'Drill' has no colon after it\nm.md:14:3: note: shown to learners as text\n")
    #expect(
      printer.summary("1 course, 1 error, 0 warnings", errors: 1, warnings: 0)
        == "1 course, 1 error, 0 warnings")
  }

  @Test("On a terminal, the source line is shown with a caret under the column, coloured by severity")
  func terminalForm() {
    let lines = [12: "## Drill Policy check", 14: "- [x] A"]
    let printer = DiagnosticPrinter(rich: true, sourceLine: { lines[$0.line] })
    let out = printer.render(Self.diagnostic())
    let plain = out.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    #expect(
      plain == """
        m.md:12:5: error: 'Drill' has no colon after it
         12 | ## Drill Policy check
            |     ^~~~~
        m.md:14:3: note: shown to learners as text
         14 | - [x] A
            |   ^

        """)
    #expect(out.contains("\u{1B}[1;31merror:"), "errors are red")
    #expect(
      printer.render(Self.diagnostic(.warning)).contains("\u{1B}[1;35mwarning:"), "warnings are magenta")
    let summary = printer.summary("1 course, 2 errors, 1 warning", errors: 2, warnings: 1)
    #expect(summary.contains("\u{1B}[1;31m2 errors"))
    #expect(summary.contains("\u{1B}[1;35m1 warning"))
  }

  @Test("The caret lands under the column after tabs, wide characters and made-visible control characters")
  func caretColumns() {
    // Columns are UTF-8 bytes: "\té" is 3 bytes, so column 4 is the 'x'.
    let tab = DiagnosticPrinter.shownLine("\téx", column: 4, length: 1)
    #expect(tab.text == "    éx")
    #expect(tab.caret == 5)
    let wide = DiagnosticPrinter.shownLine("日本x", column: 7, length: 1)
    #expect(wide.caret == 4)
    let escape = DiagnosticPrinter.shownLine("a\u{1B}[2Jb", column: 2, length: 1)
    #expect(escape.text == "a\\u{1B}[2Jb")
    #expect(escape.caret == 1)
    #expect(escape.underline == 6, "the whole escape is underlined")
    let long = DiagnosticPrinter.shownLine(String(repeating: "a", count: 300) + "X", column: 301, length: 1)
    #expect(long.text.hasPrefix("...") && long.text.hasSuffix("X"))
    #expect(Array(long.text)[long.caret] == "X")
  }

  /// A course with one error (answer marks under a kind word without its colon) and one
  /// warning (a choice without feedback).
  static func brokenCourse() throws -> String {
    let folder = NSTemporaryDirectory() + "coach-check-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "# C\n\n1. [M](01-m.md)\n".write(toFile: folder + "/course.md", atomically: true, encoding: .utf8)
    try
      "# M\n\n## Drill Policy check\n\n### Q\n\n- [x] A\n- [ ] B\n\n## Drill: Real\n\n### R\n\n- [x] A\n- [ ] B\n"
      .write(toFile: folder + "/01-m.md", atomically: true, encoding: .utf8)
    return folder
  }

  @Test("Piped output: plain lines with notes, a summary, exit 1 on errors")
  func pipedOutput() throws {
    let folder = try Self.brokenCourse()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CoachBinary.run(["check", folder])
    #expect(run.status == 1)
    #expect(
      run.stderr == """
        \(folder)/01-m.md:3:1: error: 'Drill' has no colon after it, so this section is read as a lesson and \
        learners would see '[x]' marks on line 7 as text: write '## Drill: Policy check'
        \(folder)/01-m.md:7:3: note: shown to learners as text
        \(folder)/01-m.md:15:3: warning: this wrong choice has no feedback: add a line under it (indented) that \
        says why it is wrong

        """)
    #expect(run.stdout == "1 course, 1 module, 1 item (1 single), 1 error, 1 warning\n")
    #expect(!run.stderr.contains("\u{1B}"), "no colour on a pipe")
  }

  @Test("--strict makes warnings fail; without it they do not")
  func strict() throws {
    let folder = try Self.brokenCourse()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "# M\n\n## Drill: Real\n\n### R\n\n- [x] A\n- [ ] B\n".write(
      toFile: folder + "/01-m.md", atomically: true, encoding: .utf8)
    let lenient = try CoachBinary.run(["check", folder])
    #expect(lenient.status == 0)
    let strict = try CoachBinary.run(["check", "--strict", folder])
    #expect(strict.status == 1)
    #expect(strict.stdout.contains("1 warning (--strict: warnings fail)"))
    try "# M\n\n## Drill: Real\n\n### R\n\n- [x] A\n- [ ] B\n  Not this.\n".write(
      toFile: folder + "/01-m.md", atomically: true, encoding: .utf8)
    #expect(try CoachBinary.run(["check", "--strict", folder]).status == 0)
  }

  @Test("JSON diagnostics carry endLine, endColumn, fix and related, read back by Foundation's parser")
  func jsonFields() throws {
    let folder = try Self.brokenCourse()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CoachBinary.run(["check", "--format", "json", folder], environment: ["NO_COLOR": "1"])
    #expect(run.status == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 2)
    let error = diagnostics[0]
    #expect(error["line"] as? Int == 3)
    #expect(error["column"] as? Int == 1)
    #expect(error["endLine"] as? Int == 3)
    #expect(error["endColumn"] as? Int == 22)
    #expect(error["fix"] as? String == "## Drill: Policy check")
    let related = try #require(error["related"] as? [[String: Any]])
    #expect(related.count == 1)
    #expect(related.first?["line"] as? Int == 7)
    #expect(related.first?["column"] as? Int == 3)
    #expect(related.first?["message"] as? String == "shown to learners as text")
    #expect(diagnostics[1]["fix"] == nil, "no fix where none is suggested")
    #expect((diagnostics[1]["related"] as? [Any])?.isEmpty == true)
  }

  @Test("Control characters in course text reach neither the terminal nor the JSON raw")
  func sanitizedOutput() throws {
    let folder = try Self.brokenCourse()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "# M \u{1B}]0;owned\u{07}\n\n## Lesson: L \u{9B}2J and \u{202E}reversed\n\nText.\n".write(
      toFile: folder + "/01-m.md", atomically: true, encoding: .utf8)
    for arguments in [["check", folder], ["check", "--format", "json", folder]] {
      let run = try CoachBinary.run(arguments)
      #expect(run.status == 1)
      let printed = run.stdout + run.stderr
      #expect(!printed.unicodeScalars.contains(where: UnsafeCharacter.isUnsafe), "\(arguments)")
    }
    let run = try CoachBinary.run(["check", folder])
    #expect(run.stderr.contains("01-m.md:1:5: error: a control character (U+001B, escape)"))
    #expect(
      run.stderr.contains("01-m.md:3:14: error: a control character (U+009B, control sequence introducer)"))
    let json = try CoachBinary.run(["check", "--format", "json", folder])
    #expect(json.stdout.contains("\"title\": \"M \\u001b]0;owned\\u0007\""))
    #expect(json.stdout.contains("\\u009b2J and \\u202ereversed"))
  }
}
