import CourseModel
import Foundation
import Testing

@testable import CourseParser

/// A small, seeded random number generator, so every failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Ways to break a file.
enum Mutation: CaseIterable {
  case flipBytes, truncate, shuffleLines, insertUnicode, deepNesting, duplicateLines, dropLines

  func apply(to bytes: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
    var bytes = bytes
    switch self {
    case .flipBytes:
      for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
        bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
      }
    case .truncate:
      bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
    case .shuffleLines:
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      lines.shuffle(using: &rng)
      bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    case .insertUnicode:
      let pieces = [
        "é", "🎉", "\u{202E}", "\u{0301}", "｛#", "{#", "->", "[x]", "> Hint:", "---\n", "\r\n", "\t",
        "\u{FEFF}",
      ]
      for _ in 0..<Int.random(in: 1...10, using: &rng) {
        let piece = Array(pieces.randomElement(using: &rng)!.utf8)
        bytes.insert(contentsOf: piece, at: Int.random(in: 0...bytes.count, using: &rng))
      }
    case .deepNesting:
      let depth = Int.random(in: 100...3000, using: &rng)
      let unit = ["> ", "- ", "1. ", "*", "[", "  - "].randomElement(using: &rng)!
      let line = Array((String(repeating: unit, count: depth) + "deep\n").utf8)
      bytes.insert(contentsOf: line, at: lineStart(in: bytes, using: &rng))
    case .duplicateLines:
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      if let line = lines.randomElement(using: &rng) {
        for _ in 0..<Int.random(in: 1...20, using: &rng) {
          lines.insert(line, at: Int.random(in: 0...lines.count, using: &rng))
        }
      }
      bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    case .dropLines:
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      for _ in 0..<Int.random(in: 1...5, using: &rng) where !lines.isEmpty {
        lines.remove(at: Int.random(in: 0..<lines.count, using: &rng))
      }
      bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
    return bytes
  }

  private func lineStart(in bytes: [UInt8], using rng: inout SplitMix64) -> Int {
    let starts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    return starts.randomElement(using: &rng)!
  }
}

extension Array {
  fileprivate func get(_ index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

@Suite("Robustness")
struct RobustnessTests {
  static let mutationCount = 10_000

  /// Every fixture file's bytes.
  private func fixtureFiles() throws -> [(String, [UInt8])] {
    let root = Paths.fixtures
    let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return try paths.filter { $0.hasSuffix(".md") }.sorted().map {
      ($0, try [UInt8](Data(contentsOf: root.appendingPathComponent($0))))
    }
  }

  @Test(
    "Seeded random mutations of the fixtures give diagnostics, never a crash or a hang",
    .timeLimit(.minutes(5)))
  func mutations() throws {
    let files = try fixtureFiles()
    try #require(!files.isEmpty)
    var rng = SplitMix64(state: 20_261_122)
    var parsed = 0
    var rejected = 0
    for round in 0..<Self.mutationCount {
      let (name, original) = files[round % files.count]
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        bytes = Mutation.allCases.randomElement(using: &rng)!.apply(to: bytes, using: &rng)
      }
      let lineCount = Self.lineCount(bytes)
      let diagnostics = check(bytes, path: name)
      if diagnostics.contains(where: { $0.message.contains("UTF-8") || $0.message.contains("binary") }) {
        rejected += 1
      } else {
        parsed += 1
      }
      for diagnostic in diagnostics {
        #expect(diagnostic.location.file == name, "round \(round): \(diagnostic)")
        #expect((1...lineCount).contains(diagnostic.location.line), "round \(round): \(diagnostic)")
        #expect(diagnostic.location.column >= 1, "round \(round): \(diagnostic)")
        #expect(!diagnostic.message.isEmpty)
      }
    }
    #expect(parsed + rejected == Self.mutationCount)
    #expect(parsed > Self.mutationCount / 2, "most mutations should still be text: \(parsed) parsed")
  }

  /// Lines as CommonMark counts them: `\n`, `\r\n` and a lone `\r` each end one.
  private static func lineCount(_ bytes: [UInt8]) -> Int {
    var count = 1
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\n")
        || (byte == UInt8(ascii: "\r") && bytes.get(index + 1) != UInt8(ascii: "\n"))
      {
        count += 1
      }
    }
    return count
  }

  /// Runs one file's bytes through the reader a module file goes through.
  private func check(_ bytes: [UInt8], path: String) -> [Diagnostic] {
    switch SourceFile.decode(bytes, path: path) {
    case .failure(let diagnostic): return [diagnostic]
    case .success(let source):
      var reader = ModuleReader(
        file: path, course: ModuleReader.CourseContext(pass: 80, roles: ["frontline", "manager", "leader"]))
      var registry = ItemIDRegistry()
      var diagnostics: [Diagnostic] = []
      if let module = reader.read(source, defaultID: "m") { registry.register(module, into: &diagnostics) }
      return reader.diagnostics + diagnostics
    }
  }

  @Test("Every control character is found at each place in a word, beside tabs and line endings")
  func controlCharactersInEveryPosition() {
    // The scan skips eight bytes at a time when they are plain text: a control character
    // must be found wherever it falls among them, beside the allowed tabs and line endings.
    let controls = (0..<0x20).filter { ![0x09, 0x0A, 0x0D].contains($0) } + [0x7F]
    var missed: [String] = []
    for control in controls {
      for offset in 0..<9 {
        for beside in ["\n", "\t", "\r", "\r\n", "a"] {
          let prefix = String(repeating: "a", count: offset)
          for text in [
            prefix + beside + String(UnicodeScalar(UInt8(control))) + "bbbbbbbbbbbbbbbb",
            prefix + String(UnicodeScalar(UInt8(control))) + beside + "bbbbbbbbbbbbbbbb",
          ] where SourceFile(path: "m.md", text: text).unsafeCharacterDiagnostics().count != 1 {
            missed.append(text.debugDescription)
          }
        }
      }
    }
    #expect(missed == [])
    let safe = String(repeating: "Text\twith\r\ntabs\nand line endings.\n", count: 40)
    #expect(SourceFile(path: "m.md", text: safe).unsafeCharacterDiagnostics().isEmpty)
  }

  @Test("Nesting 100,000 levels deep is read without overflowing the stack")
  func veryDeepNesting() {
    for unit in ["> ", "- ", "*", "["] {
      let text = "# M\n\n## Lesson: L\n\n" + String(repeating: unit, count: 100_000) + "deep\n"
      let blocks = MarkdownConverter.parse(text[...], file: "deep.md")
      #expect(blocks.count >= 3, "\(unit)")
      #expect(blocks.plainText.contains("deep"), "\(unit)")
    }
  }

  @Test("Mutated course.md files through the whole loader give diagnostics")
  func courseFiles() throws {
    var rng = SplitMix64(state: 7)
    let original = try [UInt8](Data(contentsOf: Paths.fixtures.appendingPathComponent("complete/course.md")))
    let course = try TemporaryCourse(["01-start.md": "# Start\n", "sub/03-nested.md": "# N\n"])
    defer { course.remove() }
    for _ in 0..<200 {
      let bytes = Mutation.allCases.randomElement(using: &rng)!.apply(to: original, using: &rng)
      try Data(bytes).write(to: URL(fileURLWithPath: course.folder + "/course.md"))
      let result = course.load()
      for diagnostic in result.diagnostics { #expect(diagnostic.location.line >= 1) }
    }
  }
}
